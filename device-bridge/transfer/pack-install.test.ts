import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openLuniiBox } from '../devices/lunii-box';
import { parsePackIndex } from '../devices/pack-index';
import type { LuniiKeys } from '../formats/lunii/lunii-keys';
import { verifyLuniiPack } from '../formats/lunii/lunii-pack-reader';
import { repairBox } from './box-repair';
import { listBackups } from './device-backup';
import { installPacks } from './pack-install';
import { cloneBox, compileTestPacks, folderHashes, makeTestBox, type TestPack } from './test-lunii-packs';
import { TransferError } from './transfer-error';

let work: string;
let template: string;
let keys: LuniiKeys;
let serial: string;
let packs: TestPack[];
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-install-'));
  template = join(work, 'template');
  const box = await makeTestBox(template);
  keys = box.metadata.keys;
  serial = box.metadata.serial;
  packs = await compileTestPacks(join(work, 'packs'), keys, 3);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function freshBox(): Promise<{ root: string; dataDir: string }> {
  n += 1;
  const root = join(work, `box-${n}`);
  await cloneBox(template, root);
  return { root, dataDir: join(work, `data-${n}`) };
}

const source = (pack: TestPack) => ({ uuid: pack.uuid, sourceDir: pack.sourceDir });

async function expectError(promise: Promise<unknown>, code: string): Promise<TransferError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TransferError);
  expect((error as TransferError).code).toBe(code);
  return error as TransferError;
}

async function boxIsClean(root: string): Promise<void> {
  expect(existsSync(join(root, '.talemo-journal'))).toBe(false);
  expect((await readdir(root)).filter((name) => name.includes('talemo'))).toEqual([]);
  expect((await readdir(join(root, '.content'))).filter((name) => name.startsWith('.talemo'))).toEqual([]);
}

describe('installPacks', () => {
  it('copies, verifies and lists packs in order, byte for byte, with a backup taken first', async () => {
    const { root, dataDir } = await freshBox();
    const progress: [number, number][] = [];
    const result = await installPacks(root, [source(packs[0]!), source(packs[1]!)], {
      dataDir,
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(result.installed).toEqual([packs[0]!.uuid, packs[1]!.uuid]);
    expect(result.safeToUnplug).toBe(true);
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([packs[0]!.uuid, packs[1]!.uuid]);
    for (const pack of packs.slice(0, 2)) {
      const onBox = join(root, '.content', pack.folderName);
      expect(await folderHashes(onBox)).toEqual(await folderHashes(pack.sourceDir));
      expect(await verifyLuniiPack(onBox, keys)).toEqual({ ok: true, problems: [] });
    }
    await boxIsClean(root);

    const [last] = progress.slice(-1);
    expect(last![0]).toBe(last![1]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
    expect(result.bytesWritten * 2).toBe(last![1]);

    const backups = await listBackups(dataDir, serial);
    expect(backups).toHaveLength(1);
    expect(backups[0]!.files).toContain('.md');
    // The backup holds the list as it was before: empty.
    expect((await readFile(join(backups[0]!.dir, '.pi'))).length).toBe(0);
    expect(existsSync(join(dataDir, 'devices', serial, 'first-seen.v3.md'))).toBe(true);

    const box = await openLuniiBox(root);
    expect(box.packs.map((pack) => [pack.folderName, pack.present])).toEqual([
      [packs[0]!.folderName, true],
      [packs[1]!.folderName, true],
    ]);
    expect(box.packs[1]!.nightMode).toBe(true);
  });

  it('refuses a pack already on the box, and the same pack twice', async () => {
    const { root, dataDir } = await freshBox();
    await installPacks(root, [source(packs[0]!)], { dataDir });
    const error = await expectError(
      installPacks(root, [source(packs[0]!)], { dataDir }),
      'already-installed',
    );
    expect(error.message).toContain(packs[0]!.folderName);
    await expectError(
      installPacks(root, [source(packs[1]!), source(packs[1]!)], { dataDir }),
      'invalid-request',
    );
    await expectError(
      installPacks(root, [{ uuid: packs[2]!.uuid, sourceDir: join(work, 'nowhere') }], { dataDir }),
      'not-found',
    );
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([packs[0]!.uuid]);
  });

  it('cancelled after the first pack: keeps it, removes the partial second, clears the journal', async () => {
    const { root, dataDir } = await freshBox();
    const controller = new AbortController();
    const firstBytes = Object.keys(await folderHashes(packs[0]!.sourceDir)).length;
    expect(firstBytes).toBeGreaterThan(0);
    let calls = 0;
    const error = await expectError(
      installPacks(root, [source(packs[0]!), source(packs[1]!)], {
        dataDir,
        signal: controller.signal,
        onProgress: () => {
          calls += 1;
          // Cancel while the second pack is being copied (the first took more calls than this).
          if (existsSync(join(root, '.content', `.talemo-tmp-${packs[1]!.folderName}`))) controller.abort();
        },
      }),
      'cancelled',
    );
    expect(calls).toBeGreaterThan(0);
    expect(error.installed).toEqual([packs[0]!.uuid]);
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([packs[0]!.uuid]);
    expect(existsSync(join(root, '.content', packs[1]!.folderName))).toBe(false);
    await boxIsClean(root);
  });

  it('refuses a copy the box gives back wrong, and leaves nothing of it', async () => {
    const { root, dataDir } = await freshBox();
    const temp = join(root, '.content', `.talemo-tmp-${packs[0]!.folderName}`);
    let corrupted = false;
    const error = await expectError(
      installPacks(root, [source(packs[0]!)], {
        dataDir,
        onProgress: (done, total) => {
          // All bytes written, none read back yet: a failing card would change them now.
          if (!corrupted && done === total / 2) {
            corrupted = true;
            writeFileSync(join(temp, 'ni'), 'not what was written');
          }
        },
      }),
      'verify-failed',
    );
    expect(corrupted).toBe(true);
    expect(error.message).toContain('ni');
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([]);
    await boxIsClean(root);
  });

  it('reports an unplugged box, and the box is repaired when it comes back', async () => {
    const { root, dataDir } = await freshBox();
    const away = `${root}-away`;
    let pulled = false;
    await expectError(
      installPacks(root, [source(packs[0]!), source(packs[1]!)], {
        dataDir,
        onProgress: () => {
          if (!pulled && existsSync(join(root, '.content', `.talemo-tmp-${packs[1]!.folderName}`))) {
            pulled = true;
            // The mount point vanishes; open files in it stay valid, new paths fail.
            renameSync(root, away);
          }
        },
      }),
      'unplugged',
    );
    expect(pulled).toBe(true);
    await rename(away, root);
    const report = await repairBox(root, { dataDir });
    expect(report.actions.map((action) => action.text).join('\n')).toContain(packs[1]!.folderName);
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([packs[0]!.uuid]);
    await boxIsClean(root);
    expect(await verifyLuniiPack(join(root, '.content', packs[0]!.folderName), keys)).toEqual({
      ok: true,
      problems: [],
    });
    await installPacks(root, [source(packs[1]!)], { dataDir });
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([packs[0]!.uuid, packs[1]!.uuid]);
  });

  it('replaces a lost copy of the same pack that no list names', async () => {
    const { root, dataDir } = await freshBox();
    const stray = join(root, '.content', packs[0]!.folderName);
    await mkdir(stray);
    await writeFile(join(stray, 'ni'), 'half a pack');
    await installPacks(root, [source(packs[0]!)], { dataDir });
    expect(await folderHashes(stray)).toEqual(await folderHashes(packs[0]!.sourceDir));
    await boxIsClean(root);
  });
});
