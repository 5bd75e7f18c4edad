import { describe, expect, it } from 'vitest';

import { phaseWords } from './install-phase';

describe('the words for a box job’s phase', () => {
  it('should say which story is being prepared, out of how many', () => {
    expect(phaseWords('preparing 1 of 2')).toBe('Preparing story 1 of 2');
    expect(phaseWords('preparing 12 of 30')).toBe('Preparing story 12 of 30');
  });

  it('should word the copy, the export and the wait before the first event', () => {
    expect(phaseWords('copying')).toBe('Copying onto the box');
    expect(phaseWords('exporting')).toBe('Reading the pack off the box');
    expect(phaseWords(null)).toBe('Getting ready…');
  });

  it('should show a phase it does not know as it came', () => {
    expect(phaseWords('verifying')).toBe('verifying');
    expect(phaseWords('preparing one of two')).toBe('preparing one of two');
  });
});
