/**
 * Checks the prepared audio files handed to a DIY-box writer before anything is written:
 * each must exist, be a non-empty file, have an extension the box plays and, for MP3, start
 * like an MP3 (an ID3v2 tag or an MPEG audio frame header). A wrong file is named in the error.
 */
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { parseMp3FrameHeader } from '../../audio/encode/mp3-frames';
import { TransferError } from '../../transfer/transfer-error';

/** Lower-case extension without the dot, after checking the file. */
export async function checkTrackSource(path: string, extensions: readonly string[]): Promise<string> {
  const ext = extname(path).slice(1).toLowerCase();
  if (!extensions.includes(ext)) {
    throw invalidTrack(
      path,
      `is a .${ext || '(none)'} file; this box plays ${extensions.map((e) => `.${e}`).join(', ')}`,
    );
  }
  const head = await readHead(path);
  if (head.length === 0) throw invalidTrack(path, 'is empty');
  if (ext === 'mp3' && !looksLikeMp3(head)) throw invalidTrack(path, 'does not start like an MP3 file');
  return ext;
}

function looksLikeMp3(head: Uint8Array): boolean {
  const id3 = head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33;
  return id3 || parseMp3FrameHeader(head, 0) !== null;
}

async function readHead(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    if (!(await handle.stat()).isFile()) throw invalidTrack(path, 'is not a file');
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } catch (error) {
    if (error instanceof TransferError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalidTrack(path, 'does not exist');
    if (code === 'EISDIR') throw invalidTrack(path, 'is not a file');
    throw error;
  } finally {
    await handle?.close();
  }
}

function invalidTrack(path: string, problem: string): TransferError {
  return new TransferError('invalid-request', `The track ${basename(path)} (${path}) ${problem}.`);
}
