/**
 * SHA-256 of a file as the card returns it, with progress: the verify step of a write. (The
 * transfer layer's `hashFile` does the same without progress; a Tonie's file is one large
 * file, so a parent would otherwise watch a bar stand still for seconds.)
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { cancelledOnCard } from './tonie-sd-error';

const READ_CHUNK_BYTES = 1 << 20;

export async function readBackSha256(
  path: string,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
    if (options.signal?.aborted) throw cancelledOnCard();
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
    options.onBytes?.(bytes.length);
  }
  return { size, sha256: hash.digest('hex') };
}
