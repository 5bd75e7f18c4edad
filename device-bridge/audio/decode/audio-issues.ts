/** Sentences about files that decode with problems: one wording for every format. */

/**
 * "is cut short: the header announces 10.0 s, the file holds 4.2 s", or, where no header
 * announces a length, "is cut short: <how it ends>; the file holds 4.2 s".
 */
export function cutShortMessage(
  announcedSeconds: number | null,
  heldSeconds: number,
  howItEnds = 'it stops in the middle of its data',
): string {
  const held = heldSeconds > 0 ? `the file holds ${formatSeconds(heldSeconds)}` : 'the file holds no audio';
  return announcedSeconds === null
    ? `is cut short: ${howItEnds}; ${held}`
    : `is cut short: the header announces ${formatSeconds(announcedSeconds)}, ${held}`;
}

/** "4.2 s" under a minute, "12 min 3 s" above: how a parent reads lengths. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** How an Ogg file cut short ends: there is no header length to compare with. */
export const END_WITHOUT_MARK = 'it stops without its end-of-stream mark';

/** Adds a sentence once: pcm() runs twice per file (measure, then apply). */
export function addIssue(issues: string[], issue: string): void {
  if (!issues.includes(issue)) issues.push(issue);
}
