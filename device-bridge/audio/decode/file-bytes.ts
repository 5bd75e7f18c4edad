/** Bounded reads of a file: a probe at a position, or a stream of chunks over a range. */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Chunk size for streamed reads: big enough for syscalls to be cheap, small enough to be flat. */
export const READ_CHUNK_BYTES = 64 * 1024;

export async function readRange(handle: FileHandle, start: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(Math.max(0, length));
  let filled = 0;
  while (filled < bytes.byteLength) {
    const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return bytes.subarray(0, filled);
}

/** Yields the bytes in [start, end) (to the end of the file without `end`) in bounded chunks. */
export async function* streamFileBytes(
  path: string,
  start: number,
  end: number | undefined,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  if (end !== undefined && end <= start) return;
  const stream = createReadStream(path, {
    start,
    ...(end !== undefined ? { end: end - 1 } : {}), // createReadStream's end is inclusive
    highWaterMark: READ_CHUNK_BYTES,
  });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } finally {
    stream.destroy();
  }
}
