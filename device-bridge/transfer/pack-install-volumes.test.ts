/**
 * Installs onto real awkward volumes: a full one (a 2 MB tmpfs) and a read-only one (a
 * read-only bind mount). Where this machine refuses to mount, the full disk is simulated by
 * a pack bigger than the free space statfs reports (a sparse file), and the read-only case
 * is reported skipped with the reason.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePackIndex } from '../devices/pack-index';
import { bindReadOnly, mountTmpfs } from '../devices/test-volumes';
import { installPacks } from './pack-install';
import { cloneBox, compileTestPacks, makeTestBox, type TestPack } from './test-lunii-packs';
import { TransferError } from './transfer-error';

let work: string;
let template: string;
let packs: TestPack[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-volumes-'));
  template = join(work, 'template');
  const box = await makeTestBox(template);
  packs = await compileTestPacks(join(work, 'packs'), box.metadata.keys, 2);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<TransferError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TransferError);
  return error as TransferError;
}

describe('a full box', () => {
  it('refuses, before writing, packs bigger than the free space statfs reports', async () => {
    const root = join(work, 'sparse-box');
    await cloneBox(template, root);
    const big = join(work, 'huge-pack');
    await mkdir(big);
    const { bavail, bsize } = await statfs(root);
    await writeFile(join(big, 'ni'), '');
    await truncate(join(big, 'ni'), bavail * bsize + 1024 * 1024);
    const error = await failure(
      installPacks(root, [{ uuid: packs[0]!.uuid, sourceDir: big }], { dataDir: join(work, 'd1') }),
    );
    expect(error.code).toBe('no-space');
    expect(error.message).toMatch(/need .* and .* is free/);
    expect(await readdir(join(root, '.content'))).toEqual([]);
  });

  it('on a real 2 MB volume: refuses up front, and a disk filled mid-copy ends clean [needs a device]', async (context) => {
    const mountPoint = join(work, 'tmpfs');
    const mounted = await mountTmpfs(mountPoint, 2 * 1024 * 1024);
    if (!mounted.ok) {
      context.skip(
        `no small volume can be mounted here (${mounted.reason}); the sparse-file test covers the check`,
      );
      return;
    }
    try {
      const root = join(mountPoint, 'box');
      await cloneBox(template, root);
      const { bavail, bsize } = await statfs(root);
      // Leave less room than one pack needs.
      await writeFile(join(mountPoint, 'filler'), Buffer.alloc(bavail * bsize - 64 * 1024));
      const upFront = await failure(installPacks(root, [packs[0]!], { dataDir: join(work, 'd2') }));
      expect(upFront.code).toBe('no-space');

      // Room for the check, then the disk fills during the copy (another program writing).
      await rm(join(mountPoint, 'filler'));
      let filled = false;
      const midway = await failure(
        installPacks(root, [packs[0]!], {
          dataDir: join(work, 'd2'),
          onProgress: () => {
            if (filled) return;
            filled = true;
            writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(bavail * bsize));
          },
        }),
      );
      expect(filled).toBe(true);
      expect(midway.code).toBe('no-space');
      expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([]);
      expect((await readdir(join(root, '.content'))).filter((name) => name.startsWith('.talemo'))).toEqual(
        [],
      );
      expect(existsSync(join(root, '.talemo-journal'))).toBe(false);
    } finally {
      await mounted.unmount();
    }
  });
});

describe('a read-only box', () => {
  it('is refused with read-only, and nothing is written [needs a device]', async (context) => {
    const root = join(work, 'ro-box');
    await cloneBox(template, root);
    const mounted = await bindReadOnly(root);
    if (!mounted.ok) {
      context.skip(`no read-only volume can be made here: ${mounted.reason}`);
      return;
    }
    try {
      const error = await failure(installPacks(root, [packs[0]!], { dataDir: join(work, 'd3') }));
      expect(error.code).toBe('read-only');
      expect(error.message).toMatch(/read-only/);
    } finally {
      await mounted.unmount();
    }
    expect(await readdir(join(root, '.content'))).toEqual([]);
  });
});
