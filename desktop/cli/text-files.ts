/**
 * Reads the plain-text files given to `add` and `dedupe`, each checked at the edge: it must
 * exist and be readable, be a file, be at most MAX_STORY_TEXT_BYTES, be UTF-8 text (no NUL
 * bytes, no invalid sequences) and hold words. Every problem is a one-line TalemoError.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import { TalemoError } from '../core/errors';
import { MAX_STORY_TEXT_BYTES, checkStoryText, textTooLarge } from '../core/story/text-story';

export interface TextFile {
  /** The path as the user gave it (what the output names). */
  file: string;
  text: string;
}

export function readTextFile(file: string): TextFile {
  const path = resolve(file);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new TalemoError('invalid-input', `${file} is a folder; give a .txt file.`);
    // Checked before reading, so a huge file is never loaded.
    if (stat.size > MAX_STORY_TEXT_BYTES) throw textTooLarge(file, stat.size);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof TalemoError) throw error;
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new TalemoError('not-found', `Cannot read ${file}: ${why ?? (error as Error).message}.`);
  }
  if (bytes.length === 0)
    throw new TalemoError('invalid-input', `${file} is empty: there is no story in it.`);
  if (bytes.includes(0)) throw notText(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notText(file);
  }
  // Control characters other than tabs and line breaks do not occur in prose.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const controls = text.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > 0 && controls * 100 > text.length) throw notText(file);
  return { file, text: checkStoryText(text, file) };
}

function notText(file: string): TalemoError {
  return new TalemoError(
    'invalid-input',
    `${file} is not a plain-text (UTF-8) file; save the story as .txt.`,
  );
}
