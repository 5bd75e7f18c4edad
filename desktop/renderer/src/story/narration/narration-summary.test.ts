import { describe, expect, it } from 'vitest';

import { countOutcomes, summaryParts } from './narration-summary';

describe('what a reading did', () => {
  it('should count each outcome and leave out the ones that did not happen', () => {
    const counts = countOutcomes([
      { outcome: 'unchanged' },
      { outcome: 'synthesised' },
      { outcome: 'unchanged' },
      { outcome: 'kept' },
      { outcome: 'unchanged' },
    ]);
    expect(counts).toEqual({ synthesised: 1, reused: 0, unchanged: 3, kept: 1, silent: 0 });
    expect(summaryParts(counts)).toEqual([
      { outcome: 'synthesised', count: 1 },
      { outcome: 'unchanged', count: 3 },
      { outcome: 'kept', count: 1 },
    ]);
  });

  it('should say nothing for a story with no pages', () => {
    expect(summaryParts(countOutcomes([]))).toEqual([]);
  });
});
