/** "Text | Map": the story read as pages, or drawn as a map to edit. */
import { TabList, tabElementId, tabPanelId } from '../../TabList';
import { strings } from '../../strings';

const t = strings.graph;
const PREFIX = 'story-view';

export const STORY_VIEW_TABS = ['text', 'graph'] as const;
export type StoryViewTab = (typeof STORY_VIEW_TABS)[number];

export function storyViewTabId(tab: StoryViewTab): string {
  return tabElementId(PREFIX, tab);
}

export function storyViewPanelId(tab: StoryViewTab): string {
  return tabPanelId(PREFIX, tab);
}

export function StoryViewTabs({
  selected,
  onSelect,
}: {
  selected: StoryViewTab;
  onSelect: (tab: StoryViewTab) => void;
}) {
  return (
    <TabList
      tabs={STORY_VIEW_TABS}
      selected={selected}
      onSelect={onSelect}
      label={t.viewLabel}
      words={t.tabs}
      prefix={PREFIX}
      className="story-view-tabs"
    />
  );
}
