/**
 * Reads a file from a box without trusting its size: at most `maxBytes + 1` bytes, so a damaged
 * or hostile `.md`, `.pi` or journal of gigabytes costs a few kilobytes of memory, and the caller
 * sees it is too long (length > maxBytes) and refuses it in its own words.
 */
import { open } from 'node:fs/promises';

/** The sizes a box's own files may have; anything longer is damage, not data. */
export const BOX_FILE_LIMITS = {
  /** md v1–5 are 512 bytes, v6/v7 112 or 128 (research/devices.md §1.2). */
  metadata: 4096,
  /** 16 bytes per pack: 65,536 packs is far past any box's card. */
  packIndex: 16 * 65_536,
  /** One operation's files, listed with their digests. */
  journal: 8 * 1024 * 1024,
} as const;

export async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
