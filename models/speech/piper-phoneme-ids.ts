/**
 * A sentence's phonemes as the ids a Piper model reads, laid out as Piper's training data was
 * (piper-phonemize `phonemes_to_ids`, with BOS, EOS and padding on, which is what espeak
 * voices are trained with):
 *
 *   ^ _ p1 _ p2 _ … pn _ $
 *
 * `^` begins the sentence, `$` ends it, and `_` (pad) follows the BOS and every phoneme. A
 * phoneme is one Unicode code point after NFD decomposition ("ɔ̃" is "ɔ" then U+0303). A
 * phoneme the voice's map lacks is skipped and counted, as Piper does. (Piper's Python runner
 * leaves out the pad after `^`; its C++ runner and its training keep it, and so do we.)
 */

export const PIPER_BOS = '^';
export const PIPER_EOS = '$';
export const PIPER_PAD = '_';

export interface PhonemeIds {
  ids: number[];
  /** Phonemes the map has no id for, with how often each was skipped. */
  missing: Map<string, number>;
}

function idsOf(map: ReadonlyMap<string, readonly number[]>, symbol: string): readonly number[] {
  const ids = map.get(symbol);
  if (!ids) throw new RangeError(`the phoneme id map has no "${symbol}"`);
  return ids;
}

export function phonemesToIds(phonemes: string, map: ReadonlyMap<string, readonly number[]>): PhonemeIds {
  const pad = idsOf(map, PIPER_PAD);
  const ids: number[] = [...idsOf(map, PIPER_BOS), ...pad];
  const missing = new Map<string, number>();
  for (const phoneme of phonemes.normalize('NFD')) {
    const mapped = map.get(phoneme);
    if (!mapped) {
      missing.set(phoneme, (missing.get(phoneme) ?? 0) + 1);
      continue;
    }
    ids.push(...mapped, ...pad);
  }
  ids.push(...idsOf(map, PIPER_EOS));
  return { ids, missing };
}
