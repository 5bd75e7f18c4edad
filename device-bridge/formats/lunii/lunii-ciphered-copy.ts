/**
 * Writes a pack file with its first block ciphered for a box, hashing what is written on the
 * way: the compiler's report lists every file's size and SHA-256 so the transfer can verify
 * its read-back against them. Only the head is ciphered, so a long MP3 is streamed, not loaded.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { cipherPackFile } from './lunii-file-cipher';
import type { LuniiKeys } from './lunii-keys';
import { LUNII_CIPHERED_BYTES } from './lunii-xxtea';

export interface WrittenFile {
  size: number;
  sha256: string;
}

export async function writeBytes(bytes: Uint8Array, dest: string): Promise<WrittenFile> {
  await writeFile(dest, bytes, { flag: 'wx' });
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function writeCipheredBytes(
  plain: Uint8Array,
  dest: string,
  keys: LuniiKeys,
): Promise<WrittenFile> {
  return writeBytes(cipherPackFile(plain, keys), dest);
}

export async function copyCiphered(
  source: string,
  dest: string,
  keys: LuniiKeys,
  signal?: AbortSignal,
): Promise<WrittenFile> {
  const head = await readHead(source);
  const cipheredHead = cipherPackFile(head, keys);
  const hash = createHash('sha256').update(cipheredHead);
  let size = cipheredHead.length;
  const sink = createWriteStream(dest, { flags: 'wx' });
  sink.write(cipheredHead);
  const tally = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      hash.update(chunk);
      size += chunk.length;
      next(null, chunk);
    },
  });
  await pipeline(createReadStream(source, { start: head.length }), tally, sink, { signal });
  return { size, sha256: hash.digest('hex') };
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(LUNII_CIPHERED_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, LUNII_CIPHERED_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
