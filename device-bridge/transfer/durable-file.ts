/**
 * File writes that survive a cut cable: write a temp file, fsync it, rename it over the
 * target, fsync the folder (so the rename itself is on the disk). And the copy a pack install
 * is made of: large buffers, a digest (content-digest.ts) computed on the bytes as they are
 * written, and a read-back that digests what the disk returns.
 *
 * Why two buffers: while one chunk is written and hashed, the next is already being read, so
 * the disk and the hash work at the same time.
 */
import { createHash } from 'node:crypto';
import { close, fstat, fsync, open as openFd, read, write } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

import { NEW_FILE_SUFFIX } from '../devices/lunii-layout';
import { withContentDigest, type ContentDigest } from './content-digest';
import { faultCutBytes, faultDie } from './fault-point';
import { cancelledError } from './transfer-error';

export const COPY_CHUNK_BYTES = 4 << 20;

export interface HashedFile {
  size: number;
  sha256: string;
}

/** A file copied or read back for a transfer's own check (content-digest.ts: XXH128 in hex). */
export interface CheckedFile {
  size: number;
  digest: string;
}

type DigestKind = 'sha256' | 'xxh128';

function withDigest<T>(kind: DigestKind, run: (digest: ContentDigest) => Promise<T>): Promise<T> {
  if (kind === 'xxh128') return withContentDigest(run);
  const hash = createHash('sha256');
  return run({ update: (bytes) => void hash.update(bytes), hex: () => hash.digest('hex') });
}

/** Directory fsync: the only way to make a create or rename durable on Linux and macOS. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Why: Windows cannot open a folder for flushing, and some filesystems refuse fsync on a
    // folder (EINVAL); there the final whole-disk flush is what makes renames durable.
    const code = (error as NodeJS.ErrnoException).code;
    if (!(
      code === 'EISDIR' ||
      code === 'EINVAL' ||
      code === 'ENOTSUP' ||
      (process.platform === 'win32' && code === 'EPERM')
    )) {
      throw error;
    }
  } finally {
    await handle?.close();
  }
}

/** Replaces `path` with `bytes` atomically and durably (temp + fsync + rename + folder fsync). */
export async function writeFileDurable(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}${NEW_FILE_SUFFIX}`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await fsyncDirectory(dirname(path));
}

/** Removes `path` (absent is fine) and makes the removal durable. */
export async function removeFileDurable(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await fsyncDirectory(dirname(path));
}

export interface CopyOptions {
  signal?: AbortSignal;
  /** Called after each chunk with the bytes just written. */
  onBytes?: (bytes: number) => void;
  /** The size listed earlier, which spares a stat; the copy still runs to the real end. */
  sizeHint?: number;
  /** Two buffers to reuse across files (see `copyBuffers`): a pack is hundreds of files. */
  buffers?: CopyBuffers;
}

export type CopyBuffers = [Buffer, Buffer];

export function copyBuffers(): CopyBuffers {
  return [Buffer.allocUnsafe(COPY_CHUNK_BYTES), Buffer.allocUnsafe(COPY_CHUNK_BYTES)];
}

/**
 * Copies `source` to a new file `target` (which must not exist) and returns the SHA-256 of
 * the bytes written. Not flushed: the caller flushes once for many files (filesystem-flush.ts).
 * Plain file descriptors rather than FileHandle objects: cheaper per file, and a pack is
 * hundreds of small files.
 */
export async function copyFileHashed(
  source: string,
  target: string,
  options: CopyOptions = {},
): Promise<HashedFile> {
  const { size, hex } = await copyDigested(source, target, options, 'sha256');
  return { size, sha256: hex };
}

/** The same copy with the transfer's fast check digest (a pack install: every byte twice). */
export async function copyFileChecked(
  source: string,
  target: string,
  options: CopyOptions = {},
): Promise<CheckedFile> {
  const { size, hex } = await copyDigested(source, target, options, 'xxh128');
  return { size, digest: hex };
}

async function copyDigested(
  source: string,
  target: string,
  options: CopyOptions,
  kind: DigestKind,
): Promise<{ size: number; hex: string }> {
  const input = await fdOpen(source, 'r');
  try {
    const size = options.sizeHint ?? (await fdSize(input));
    const output = await fdOpen(target, 'wx');
    try {
      return await pumpHashed(input, output, size, options, kind);
    } finally {
      await fdClose(output);
    }
  } finally {
    await fdClose(input);
  }
}

async function pumpHashed(
  input: number,
  output: number,
  size: number,
  options: CopyOptions,
  kind: DigestKind,
): Promise<{ size: number; hex: string }> {
  return withDigest(kind, async (hash) => {
    let [current, spare] = options.buffers ?? sized(size);
    const cut = faultCutBytes(size);
    let position = 0;
    let read = await readFully(input, current, position);
    while (read > 0) {
      if (options.signal?.aborted) throw cancelledError([]);
      const bytes = current.subarray(0, read);
      if (cut !== undefined && position + read > cut) {
        await writeFully(output, bytes.subarray(0, cut - position), position);
        await new Promise<void>((resolve, reject) =>
          fsync(output, (error) => (error ? reject(error) : resolve())),
        );
        faultDie();
      }
      const writing = writeFully(output, bytes, position);
      const next = readFully(input, spare, position + read);
      // Why: if the write fails we leave before awaiting the read; its failure must not go unhandled.
      next.catch(() => {});
      hash.update(bytes);
      await writing;
      position += read;
      options.onBytes?.(read);
      [current, spare] = [spare, current];
      read = await next;
    }
    // An empty file (`nm`) chosen to be cut: it is created and no more.
    if (cut !== undefined) faultDie();
    return { size: position, hex: hash.hex() };
  });
}

/** SHA-256 of a file as the disk returns it now. */
export async function hashFile(
  path: string,
  signal?: AbortSignal,
  buffers?: CopyBuffers,
): Promise<HashedFile> {
  const { size, hex } = await digestFile(path, signal, buffers, 'sha256');
  return { size, sha256: hex };
}

/** The transfer's check digest of a file as the disk returns it now. */
export async function checkFile(
  path: string,
  signal?: AbortSignal,
  buffers?: CopyBuffers,
): Promise<CheckedFile> {
  const { size, hex } = await digestFile(path, signal, buffers, 'xxh128');
  return { size, digest: hex };
}

async function digestFile(
  path: string,
  signal: AbortSignal | undefined,
  buffers: CopyBuffers | undefined,
  kind: DigestKind,
): Promise<{ size: number; hex: string }> {
  const input = await fdOpen(path, 'r');
  try {
    let [current, spare] = buffers ?? sized(await fdSize(input));
    return await withDigest(kind, async (hash) => {
      let position = 0;
      let read = await readFully(input, current, position);
      while (read > 0) {
        if (signal?.aborted) throw cancelledError([]);
        const next = readFully(input, spare, position + read);
        next.catch(() => {});
        hash.update(current.subarray(0, read));
        position += read;
        [current, spare] = [spare, current];
        read = await next;
      }
      return { size: position, hex: hash.hex() };
    });
  } finally {
    await fdClose(input);
  }
}

function sized(size: number): CopyBuffers {
  const chunk = Math.max(1, Math.min(COPY_CHUNK_BYTES, size));
  return [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)];
}

/** Fills `buffer` unless the file ends first; returns the bytes read (0 at the end). */
async function readFully(fd: number, buffer: Buffer, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const bytesRead = await new Promise<number>((resolve, reject) =>
      read(fd, buffer, filled, buffer.length - filled, position + filled, (error, n) =>
        error ? reject(error) : resolve(n),
      ),
    );
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

async function writeFully(fd: number, bytes: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await new Promise<number>((resolve, reject) =>
      write(fd, bytes, written, bytes.length - written, position + written, (error, n) =>
        error ? reject(error) : resolve(n),
      ),
    );
  }
}

function fdOpen(path: string, flags: string): Promise<number> {
  return new Promise((resolve, reject) =>
    openFd(path, flags, (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function fdClose(fd: number): Promise<void> {
  return new Promise((resolve, reject) => close(fd, (error) => (error ? reject(error) : resolve())));
}

function fdSize(fd: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats.size))),
  );
}
