/**
 * "Text | Map": the story read as pages, or drawn as a map to edit. Arrow keys, Home and End
 * move between the tabs, as the WAI-ARIA tabs pattern has it.
 */
import { useRef, type KeyboardEvent } from 'react';

import { strings } from '../../strings';

const t = strings.graph;

export const STORY_VIEW_TABS = ['text', 'graph'] as const;
export type StoryViewTab = (typeof STORY_VIEW_TABS)[number];

export function storyViewTabId(tab: StoryViewTab): string {
  return `story-view-tab-${tab}`;
}

export function storyViewPanelId(tab: StoryViewTab): string {
  return `story-view-panel-${tab}`;
}

export function StoryViewTabs({
  selected,
  onSelect,
}: {
  selected: StoryViewTab;
  onSelect: (tab: StoryViewTab) => void;
}) {
  const buttons = useRef<Partial<Record<StoryViewTab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = STORY_VIEW_TABS.indexOf(selected);
    const last = STORY_VIEW_TABS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? Math.min(last, at + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, at - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const tab = STORY_VIEW_TABS[to]!;
    onSelect(tab);
    buttons.current[tab]?.focus();
  };

  return (
    <div className="tabs story-view-tabs" role="tablist" aria-label={t.viewLabel} onKeyDown={onKeyDown}>
      {STORY_VIEW_TABS.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            buttons.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={storyViewTabId(tab)}
          className="tab"
          aria-selected={tab === selected}
          aria-controls={tab === selected ? storyViewPanelId(tab) : undefined}
          tabIndex={tab === selected ? 0 : -1}
          data-testid={storyViewTabId(tab)}
          onClick={() => onSelect(tab)}
        >
          {t.tabs[tab]}
        </button>
      ))}
    </div>
  );
}
