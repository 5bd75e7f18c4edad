/** The three ways into a story, as tabs. */
import { TabList, tabElementId, tabPanelId } from '../TabList';
import { strings } from '../strings';
import { CREATE_TABS, type CreateTab } from './create-form';

const t = strings.create;
const PREFIX = 'create';

export function tabId(tab: CreateTab): string {
  return tabElementId(PREFIX, tab);
}

export function panelId(tab: CreateTab): string {
  return tabPanelId(PREFIX, tab);
}

export function CreateTabs({
  selected,
  onSelect,
}: {
  selected: CreateTab;
  onSelect: (tab: CreateTab) => void;
}) {
  return (
    <TabList
      tabs={CREATE_TABS}
      selected={selected}
      onSelect={onSelect}
      label={t.tabsLabel}
      words={t.tabs}
      prefix={PREFIX}
    />
  );
}
