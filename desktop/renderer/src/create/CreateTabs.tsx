/**
 * The three ways into a story, as tabs: arrow keys move between them (and show each), Tab
 * goes on into the open panel, as the WAI-ARIA tabs pattern has it.
 */
import { useRef, type KeyboardEvent } from 'react';

import { strings } from '../strings';
import { CREATE_TABS, type CreateTab } from './create-form';

const t = strings.create;

export function tabId(tab: CreateTab): string {
  return `create-tab-${tab}`;
}

export function panelId(tab: CreateTab): string {
  return `create-panel-${tab}`;
}

export function CreateTabs({
  selected,
  onSelect,
}: {
  selected: CreateTab;
  onSelect: (tab: CreateTab) => void;
}) {
  const buttons = useRef<Partial<Record<CreateTab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = CREATE_TABS.indexOf(selected);
    const last = CREATE_TABS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % CREATE_TABS.length
        : event.key === 'ArrowLeft'
          ? (at + last) % CREATE_TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const tab = CREATE_TABS[to]!;
    onSelect(tab);
    buttons.current[tab]?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={t.tabsLabel} onKeyDown={onKeyDown}>
      {CREATE_TABS.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            buttons.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={tabId(tab)}
          className="tab"
          aria-selected={tab === selected}
          aria-controls={tab === selected ? panelId(tab) : undefined}
          tabIndex={tab === selected ? 0 : -1}
          data-testid={tabId(tab)}
          onClick={() => onSelect(tab)}
        >
          {t.tabs[tab]}
        </button>
      ))}
    </div>
  );
}
