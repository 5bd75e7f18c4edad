/**
 * The "Other boxes" form turned into a `packs.writeSdCard` request, or the first thing missing
 * in the parent's words. A Toniebox needs its tag's UID; a TonUINO folder number is optional.
 */
import type { MethodInput } from '../../../../api/contract';
import { strings, type Strings } from '../../strings';
import { yotoSendPhase } from './yoto-job-line';

export type SdCardBox = 'tonies' | 'tonuino' | 'espuino';
export const SD_CARD_BOXES: readonly SdCardBox[] = ['tonuino', 'espuino', 'tonies'];

export interface SdCardForm {
  box: SdCardBox;
  storyId: string;
  root: string;
  uid: string;
  folder: string;
}

export type SdCardCheck =
  { ok: true; request: MethodInput<'packs.writeSdCard'> } | { ok: false; problem: string };

export function sdCardRequest(form: SdCardForm, words: Strings['sdCard'] = strings.sdCard): SdCardCheck {
  if (!form.storyId) return { ok: false, problem: words.needs.story };
  const root = form.root.trim();
  if (!root) return { ok: false, problem: words.needs.path };
  const request: MethodInput<'packs.writeSdCard'> = { storyId: form.storyId, box: form.box, root };
  if (form.box === 'tonies') {
    const uid = form.uid.trim();
    if (!uid) return { ok: false, problem: words.needs.uid };
    return { ok: true, request: { ...request, uid } };
  }
  if (form.box === 'tonuino' && form.folder.trim() !== '') {
    const folder = Number(form.folder.trim());
    if (!Number.isInteger(folder) || folder < 1 || folder > 99)
      return { ok: false, problem: words.needs.folder };
    return { ok: true, request: { ...request, folder } };
  }
  return { ok: true, request };
}

/** The write job's phases in words: the story's own preparation, then the card's. */
export function sdCardPhase(phase: string | null, words: Strings = strings): string {
  if (phase === 'copying') return words.sdCard.phase.copying;
  if (phase === 'verifying') return words.sdCard.phase.verifying;
  // Why: the Tonie file's own encoding reports as "tonies"; it is the chapters' audio being made.
  if (phase === 'tonies') return words.yoto.sendPhase.encoding;
  return yotoSendPhase(phase, words.yoto);
}
