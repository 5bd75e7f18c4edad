/**
 * A row of tabs as the WAI-ARIA tabs pattern has it: one tab stop, arrow keys move between the
 * tabs (and show each, wrapping round), Home and End go to the ends, Tab goes on into the open
 * panel. The panel's id is `${prefix}-panel-${tab}`; the tab's, and its test id, `${prefix}-tab-${tab}`.
 */
import { useRef, type KeyboardEvent } from 'react';

export function tabElementId(prefix: string, tab: string): string {
  return `${prefix}-tab-${tab}`;
}

export function tabPanelId(prefix: string, tab: string): string {
  return `${prefix}-panel-${tab}`;
}

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowRight: (at, count) => (at + 1) % count,
  ArrowLeft: (at, count) => (at + count - 1) % count,
  Home: () => 0,
  End: (_at, count) => count - 1,
};

export function TabList<Tab extends string>({
  tabs,
  selected,
  onSelect,
  label,
  words,
  prefix,
  className,
}: {
  tabs: readonly Tab[];
  selected: Tab;
  onSelect: (tab: Tab) => void;
  /** What the row of tabs is for, for screen readers. */
  label: string;
  words: Record<Tab, string>;
  prefix: string;
  className?: string;
}) {
  const buttons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const tab = tabs[move(tabs.indexOf(selected), tabs.length)]!;
    onSelect(tab);
    buttons.current[tab]?.focus();
  };

  return (
    <div
      className={`tabs${className ? ` ${className}` : ''}`}
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
    >
      {tabs.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            buttons.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={tabElementId(prefix, tab)}
          className="tab"
          aria-selected={tab === selected}
          aria-controls={tab === selected ? tabPanelId(prefix, tab) : undefined}
          tabIndex={tab === selected ? 0 : -1}
          data-testid={tabElementId(prefix, tab)}
          onClick={() => onSelect(tab)}
        >
          {words[tab]}
        </button>
      ))}
    </div>
  );
}
