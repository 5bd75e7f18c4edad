import { describe, expect, it } from 'vitest';

import { classroomPhaseWords } from './classroom-phase';

describe('classroomPhaseWords', () => {
  it('names the box, then its step in words', () => {
    expect(classroomPhaseWords('box 2 of 3: copying')).toBe('Box 2 of 3: Copying onto the box');
    expect(classroomPhaseWords('box 1 of 12: preparing 1 of 2')).toBe('Box 1 of 12: Preparing story 1 of 2');
  });

  it('says "getting ready" before the first phase, and keeps an unknown phase as it came', () => {
    expect(classroomPhaseWords(null)).toBe('Getting ready…');
    expect(classroomPhaseWords('box 1 of 2: checking')).toBe('Box 1 of 2: checking');
    expect(classroomPhaseWords('reading')).toBe('reading');
  });
});
