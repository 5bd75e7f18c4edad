/** Remove, reorder, hide/show and night mode on a box with real compiled packs. */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openLuniiBox } from '../devices/lunii-box';
import { parsePackIndex } from '../devices/pack-index';
import { setNightMode } from './night-mode';
import { hidePack, setPackHidden, unhidePack } from './pack-hide';
import { installPacks } from './pack-install';
import { removePack, removePacks } from './pack-remove';
import { reorderPacks } from './pack-reorder';
import { cloneBox, compileTestPacks, makeTestBox, type TestPack } from './test-lunii-packs';
import { TransferError } from './transfer-error';

let work: string;
let template: string;
let packs: TestPack[];
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-changes-'));
  const prepared = join(work, 'template');
  const box = await makeTestBox(prepared);
  packs = await compileTestPacks(join(work, 'packs'), box.metadata.keys, 3);
  await installPacks(prepared, packs, { dataDir: join(work, 'template-data') });
  template = prepared;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function freshBox(): Promise<{ root: string; dataDir: string }> {
  const root = join(work, `box-${++n}`);
  await cloneBox(template, root);
  return { root, dataDir: join(work, `data-${n}`) };
}

const pi = async (root: string, hidden = false): Promise<string[]> =>
  parsePackIndex(await readFile(join(root, hidden ? '.pi.hidden' : '.pi')).catch(() => Buffer.alloc(0)));

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return error instanceof TransferError ? error.code : String(error);
}

describe('removePacks', () => {
  it('takes the pack off the list, then deletes its folder, reporting the bytes freed', async () => {
    const { root, dataDir } = await freshBox();
    const [a, b, c] = packs as [TestPack, TestPack, TestPack];
    const progress: number[] = [];
    const result = await removePacks(root, [b.uuid], { dataDir, onProgress: (done) => progress.push(done) });
    expect(result.removed).toEqual([b.uuid]);
    expect(result.freedBytes).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(result.freedBytes);
    expect(await pi(root)).toEqual([a.uuid, c.uuid]);
    expect(await readdir(join(root, '.content'))).toEqual([a.folderName, c.folderName].sort());
    expect(await code(removePack(root, b.uuid, { dataDir }))).toBe('not-found');
    expect(existsSync(join(root, '.talemo-journal'))).toBe(false);
  });
});

describe('reorderPacks', () => {
  it('rewrites .pi in the new order, and refuses anything but a permutation', async () => {
    const { root, dataDir } = await freshBox();
    const [a, b, c] = packs.map((pack) => pack.uuid) as [string, string, string];
    expect((await reorderPacks(root, [c, a, b], { dataDir })).changed).toBe(true);
    expect(await pi(root)).toEqual([c, a, b]);
    expect((await reorderPacks(root, [c, a, b], { dataDir })).changed).toBe(false);
    expect(await code(reorderPacks(root, [c, a], { dataDir }))).toBe('invalid-request');
    expect(await code(reorderPacks(root, [c, a, a], { dataDir }))).toBe('invalid-request');
    expect(
      await code(reorderPacks(root, [c, a, b, '0b9c3a4e-1f6d-4c1a-9e55-00000000aa01'], { dataDir })),
    ).toBe('invalid-request');
    expect(await pi(root)).toEqual([c, a, b]);
  });
});

describe('hide and show', () => {
  it('moves a pack between .pi/.content and .pi.hidden/.content.hidden, and back', async () => {
    const { root, dataDir } = await freshBox();
    const [a, b, c] = packs as [TestPack, TestPack, TestPack];
    await hidePack(root, b.uuid, { dataDir });
    expect(await pi(root)).toEqual([a.uuid, c.uuid]);
    expect(await pi(root, true)).toEqual([b.uuid]);
    expect(existsSync(join(root, '.content.hidden', b.folderName, 'ni'))).toBe(true);
    expect(existsSync(join(root, '.content', b.folderName))).toBe(false);
    expect((await openLuniiBox(root)).packs.find((pack) => pack.uuid === b.uuid)?.hidden).toBe(true);
    expect((await setPackHidden(root, b.uuid, true, { dataDir })).changed).toBe(false);

    await unhidePack(root, b.uuid, { dataDir });
    expect(await pi(root)).toEqual([a.uuid, c.uuid, b.uuid]);
    expect(await pi(root, true)).toEqual([]);
    expect(existsSync(join(root, '.content', b.folderName, 'ni'))).toBe(true);
    // A hidden pack can be removed too.
    await hidePack(root, a.uuid, { dataDir });
    await removePacks(root, [a.uuid], { dataDir });
    expect(await pi(root, true)).toEqual([]);
    expect(existsSync(join(root, '.content.hidden', a.folderName))).toBe(false);
  });
});

describe('setNightMode', () => {
  it('creates and removes the empty nm file in the pack folder', async () => {
    const { root, dataDir } = await freshBox();
    const pack = packs[0]!;
    const nm = join(root, '.content', pack.folderName, 'nm');
    expect(existsSync(nm)).toBe(false);
    expect((await setNightMode(root, pack.uuid, true, { dataDir })).changed).toBe(true);
    expect((await readFile(nm)).length).toBe(0);
    expect((await setNightMode(root, pack.uuid, true, { dataDir })).changed).toBe(false);
    await setNightMode(root, pack.uuid, false, { dataDir });
    expect(existsSync(nm)).toBe(false);
    expect(await readdir(join(root, '.content', pack.folderName))).not.toContain('nm.talemo-new');
    expect(await code(setNightMode(root, '0b9c3a4e-1f6d-4c1a-9e55-00000000aa01', true, { dataDir }))).toBe(
      'not-found',
    );
  });
});
