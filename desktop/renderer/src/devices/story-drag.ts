/**
 * Dragging a library story onto a box card: the story's id travels under our own type, so a
 * file or text dragged in from elsewhere is never taken for a story.
 */
export const STORY_DRAG_TYPE = 'application/x-talemo-story';
const STORY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function startStoryDrag(transfer: DataTransfer, storyId: string, title: string): void {
  transfer.setData(STORY_DRAG_TYPE, storyId);
  // Why also plain text: dropped anywhere else (a text field), it reads as the story's title.
  transfer.setData('text/plain', title);
  transfer.effectAllowed = 'copy';
}

/** True while a story (not a file or some text) is dragged over: only then is a drop accepted. */
export function carriesStory(transfer: Pick<DataTransfer, 'types'>): boolean {
  return Array.from(transfer.types).includes(STORY_DRAG_TYPE);
}

/** The dropped story's id, or null for anything else. */
export function droppedStoryId(transfer: Pick<DataTransfer, 'getData'>): string | null {
  const id = transfer.getData(STORY_DRAG_TYPE).trim();
  return STORY_ID.test(id) ? id.toLowerCase() : null;
}
