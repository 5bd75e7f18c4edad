import { describe, expect, it } from 'vitest';

import { carriesStory, droppedStoryId, STORY_DRAG_TYPE } from './story-drag';

function dropped(data: Record<string, string>) {
  return { types: Object.keys(data), getData: (type: string) => data[type] ?? '' };
}

describe('a story dropped on a box', () => {
  const id = '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e01';

  it('should take the story the library row carried', () => {
    const transfer = dropped({ [STORY_DRAG_TYPE]: id.toUpperCase(), 'text/plain': 'Pip' });
    expect(carriesStory(transfer)).toBe(true);
    expect(droppedStoryId(transfer)).toBe(id);
  });

  it('should refuse a file, some text, or a damaged id', () => {
    expect(carriesStory(dropped({ Files: '' }))).toBe(false);
    expect(carriesStory(dropped({ 'text/plain': id }))).toBe(false);
    expect(droppedStoryId(dropped({ 'text/plain': id }))).toBeNull();
    expect(droppedStoryId(dropped({ [STORY_DRAG_TYPE]: 'rm -rf /' }))).toBeNull();
  });
});
