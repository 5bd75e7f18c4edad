import { describe, expect, it } from 'vitest';

import type { AgeRange } from './age-range';
import type { ClassifierFinding, ModerationClassifier } from './moderation-classifier';
import { MAX_CLASSIFIER_FINDINGS } from './moderation-classifier';
import { moderateWithClassifier } from './moderate-with-classifier';

/**
 * A stand-in for the LLM classifier: it "judges" by looking for fixed phrases, says what it
 * was asked, and answers with whatever it is given (well formed or not).
 */
function fakeClassifier(
  answer: (text: string) => unknown[],
): ModerationClassifier & { calls: Array<{ text: string; ageRange: AgeRange }> } {
  const calls: Array<{ text: string; ageRange: AgeRange }> = [];
  return {
    calls,
    async classify(text: string, ageRange: AgeRange, signal?: AbortSignal): Promise<ClassifierFinding[]> {
      signal?.throwIfAborted();
      calls.push({ text, ageRange });
      return answer(text) as ClassifierFinding[];
    },
  };
}

const STORY =
  'The knight killed the dragon. Then the stranger whispered: do not tell your parents about our secret meetings. Everyone went home.';

describe('moderateWithClassifier', () => {
  it("should add the classifier's findings to the lists', in text order, with their node passage", async () => {
    const classifier = fakeClassifier(() => [
      {
        category: 'sexual',
        severity: 'severe',
        passage: 'do not tell your parents about our secret meetings',
      },
    ]);
    const result = await moderateWithClassifier(STORY, { ageRange: '7-9' }, classifier);
    expect(classifier.calls).toEqual([{ text: STORY, ageRange: '7-9' }]);
    expect(result.classifier).toEqual({ status: 'done' });
    expect(result.status).toBe('flagged');
    expect(result.findings.map((f) => [f.source, f.category, f.severity, f.term])).toEqual([
      ['list', 'violence', 'moderate', 'killed'],
      ['classifier', 'sexual', 'severe', 'do not tell your parents about our secret meetings'],
    ]);
    const grooming = result.findings[1]!;
    expect(STORY.slice(grooming.start, grooming.end)).toBe(
      'do not tell your parents about our secret meetings',
    );
    expect(grooming.passage).toBe(
      'Then the stranger whispered: do not tell your parents about our secret meetings.',
    );
  });

  it('should merge a finding both passes made into one, at the higher severity', async () => {
    const classifier = fakeClassifier(() => [
      { category: 'violence', severity: 'severe', passage: 'The knight killed the dragon.' },
    ]);
    const result = await moderateWithClassifier(STORY, { ageRange: '7-9' }, classifier);
    expect(result.findings.map((f) => [f.source, f.category, f.severity, f.term])).toEqual([
      ['both', 'violence', 'severe', 'killed'],
    ]);
  });

  it('should apply the age table to the classifier too', async () => {
    const classifier = fakeClassifier(() => [
      { category: 'scary', severity: 'mild', passage: 'Everyone went home.' },
    ]);
    expect(
      (await moderateWithClassifier('Everyone went home.', { ageRange: '10-12' }, classifier)).status,
    ).toBe('ok');
    expect(
      (await moderateWithClassifier('Everyone went home.', { ageRange: '4-6' }, classifier)).status,
    ).toBe('flagged');
  });

  it('should mask personal data the classifier quotes, found in the text or not', async () => {
    const text = 'Call me at 06 12 34 56 78 tonight, said the stranger.';
    const classifier = fakeClassifier(() => [
      { category: 'sexual', severity: 'severe', passage: 'Call me at 06 12 34 56 78 tonight' },
      { category: 'sexual', severity: 'severe', passage: 'he wrote lea.martin@example.fr on the wall' },
    ]);
    const result = await moderateWithClassifier(text, { ageRange: '10-12' }, classifier);
    const shown = JSON.stringify(result.findings.map(({ term, passage }) => ({ term, passage })));
    expect(shown).not.toContain('12 34 56');
    expect(shown).not.toContain('lea.martin');
    const notInText = result.findings.find((f) => f.start === -1)!;
    expect(notInText).toMatchObject({
      source: 'classifier',
      end: -1,
      term: 'he wrote l•••@e•••.fr on the wall',
    });
    expect(result.findings.at(-1)).toBe(notInText);
  });

  it('should locate a passage the model re-spaced or re-cased', async () => {
    const classifier = fakeClassifier(() => [
      { category: 'hate', severity: 'moderate', passage: '  the STRANGER   whispered ' },
    ]);
    const [finding] = (await moderateWithClassifier(STORY, { ageRange: '10-12' }, classifier)).findings;
    expect(STORY.slice(finding!.start, finding!.end)).toBe('the stranger whispered');
  });

  it('should drop what a model gets wrong and forgive its spelling slips', async () => {
    const classifier = fakeClassifier(() => [
      { category: 'Self_Harm', severity: ' SEVERE ', passage: 'Everyone went home.' },
      { category: 'gossip', severity: 'severe', passage: 'The knight' },
      { category: 'violence', severity: 'extreme', passage: 'The knight' },
      { category: 'violence', severity: 'mild', passage: '   ' },
      null,
      'violence',
      { category: 'violence' },
    ]);
    const result = await moderateWithClassifier(STORY, { ageRange: '10-12' }, classifier);
    expect(result.findings.map((f) => [f.source, f.category, f.severity])).toEqual([
      ['classifier', 'self-harm', 'severe'],
    ]);
  });

  it('should bound what it takes from a runaway classifier, and report a repeated finding once', async () => {
    const classifier = fakeClassifier(() => [
      ...Array.from({ length: 3 }, () => ({
        category: 'scary',
        severity: 'severe',
        passage: 'Everyone went home.',
      })),
      ...Array.from({ length: 5000 }, (_, index) => ({
        category: 'scary',
        severity: 'severe',
        passage: `${index} ${'x'.repeat(50_000)}`,
      })),
    ]);
    const result = await moderateWithClassifier(STORY, { ageRange: '4-6' }, classifier);
    expect(result.findings.filter((f) => f.term === 'Everyone went home.')).toHaveLength(1);
    // The list's "killed", the repeated passage once, and the rest of the first MAX_CLASSIFIER_FINDINGS.
    expect(result.findings).toHaveLength(1 + 1 + (MAX_CLASSIFIER_FINDINGS - 3));
    expect(result.findings.every((f) => f.passage.length <= 1300 && f.term.length <= 80)).toBe(true);
  });

  it("should keep the lists' result and say so when the classifier fails", async () => {
    const failing: ModerationClassifier = {
      classify: () => Promise.reject(new Error('no model loaded')),
    };
    const result = await moderateWithClassifier(STORY, { ageRange: '7-9' }, failing);
    expect(result.classifier).toEqual({ status: 'failed', error: 'no model loaded' });
    expect(result.findings.map((f) => f.term)).toEqual(['killed']);
    const junk = fakeClassifier(() => 'not an array' as unknown as unknown[]);
    expect((await moderateWithClassifier(STORY, { ageRange: '7-9' }, junk)).findings).toHaveLength(1);
  });

  it('should reject when the caller aborts, before or during the classification', async () => {
    const aborted = AbortSignal.abort(new Error('closed the window'));
    const classifier = fakeClassifier(() => []);
    await expect(
      moderateWithClassifier(STORY, { ageRange: '7-9', signal: aborted }, classifier),
    ).rejects.toThrow('closed the window');
    expect(classifier.calls).toEqual([]);

    const controller = new AbortController();
    const slow: ModerationClassifier = {
      classify: (_text, _age, signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    };
    const pending = moderateWithClassifier(STORY, { ageRange: '7-9', signal: controller.signal }, slow);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
