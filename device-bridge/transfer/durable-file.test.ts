import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  COPY_CHUNK_BYTES,
  copyFileHashed,
  hashFile,
  removeFileDurable,
  writeFileDurable,
} from './durable-file';
import { flushFilesystem } from './filesystem-flush';
import { TransferError } from './transfer-error';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-durable-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('writeFileDurable', () => {
  it('replaces a file whole and leaves no temp file', async () => {
    const path = join(work, '.pi');
    await writeFile(path, 'old');
    await writeFileDurable(path, Buffer.from('new bytes'));
    expect(await readFile(path, 'utf8')).toBe('new bytes');
    expect(await readdir(work)).toEqual(['.pi']);
    await removeFileDurable(path);
    await removeFileDurable(path);
    expect(await readdir(work)).toEqual([]);
  });
});

describe('copyFileHashed', () => {
  it.each([0, 1, 4097, COPY_CHUNK_BYTES - 1, COPY_CHUNK_BYTES, 2 * COPY_CHUNK_BYTES + 3])(
    'copies %i bytes exactly and hashes what it wrote',
    async (size) => {
      const bytes = randomBytes(size);
      const source = join(work, `src-${size}`);
      const target = join(work, `dst-${size}`);
      await writeFile(source, bytes);
      let reported = 0;
      const copied = await copyFileHashed(source, target, { onBytes: (n) => (reported += n) });
      expect(copied).toEqual({ size, sha256: sha(bytes) });
      expect(reported).toBe(size);
      expect(sha(await readFile(target))).toBe(sha(bytes));
      expect(await hashFile(target)).toEqual(copied);
      await flushFilesystem(work, [target]);
    },
  );

  it('stops between chunks when cancelled', async () => {
    const source = join(work, 'big');
    await writeFile(source, randomBytes(3 * COPY_CHUNK_BYTES));
    const controller = new AbortController();
    const error = await copyFileHashed(source, join(work, 'big-copy'), {
      signal: controller.signal,
      onBytes: () => controller.abort(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransferError);
    expect((error as TransferError).code).toBe('cancelled');
  });

  it('never overwrites an existing file', async () => {
    const source = join(work, 'one');
    await writeFile(source, 'x');
    await writeFile(join(work, 'taken'), 'keep me');
    await expect(copyFileHashed(source, join(work, 'taken'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(work, 'taken'), 'utf8')).toBe('keep me');
  });
});
