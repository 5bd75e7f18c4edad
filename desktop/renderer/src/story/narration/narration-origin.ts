/** Where a page's sound came from, as the page card names it. */
import type { MethodOutput } from '../../../../api/contract';

type PageNarrationInfo = MethodOutput<'narration.get'>['nodes'][number];

/**
 * 'pack': a sound with no narration record, i.e. one that came in with the story (an imported
 * STUdio pack); the core keeps it like a person's recording. 'placeholder': the chimes a new
 * library's examples carry, replaced by the first reading.
 */
export type NarrationOrigin =
  'tts' | 'placeholder' | 'adult' | 'child' | 'import' | 'pack' | 'sound' | 'none';

/** `pages` null: the narration records are not known (yet), so a sound is only "a sound". */
export function narrationOrigin(
  hasAudio: boolean,
  pages: ReadonlyMap<string, PageNarrationInfo> | null,
  nodeId: string,
): NarrationOrigin {
  if (!hasAudio) return 'none';
  if (!pages) return 'sound';
  const info = pages.get(nodeId);
  if (!info) return 'pack';
  if (info.source === 'tts' || info.source === 'placeholder') return info.source;
  if (info.source === 'import') return 'import';
  return info.speaker === 'child' ? 'child' : 'adult';
}
