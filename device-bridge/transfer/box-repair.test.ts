/** Hostile and half-done boxes, and what repair makes of them. */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openLuniiBox } from '../devices/lunii-box';
import { parsePackIndex, serializePackIndex } from '../devices/pack-index';
import type { LuniiKeys } from '../formats/lunii/lunii-keys';
import { verifyLuniiPack } from '../formats/lunii/lunii-pack-reader';
import { repairBox } from './box-repair';
import { listBackups } from './device-backup';
import { checkFile } from './durable-file';
import { installPacks } from './pack-install';
import { cloneBox, compileTestPacks, makeTestBox, type TestPack } from './test-lunii-packs';
import { newJournal, writeJournal } from './transfer-journal';

let work: string;
let template: string;
let keys: LuniiKeys;
let serial: string;
let packs: TestPack[];
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-repair-'));
  template = join(work, 'template');
  const box = await makeTestBox(template);
  keys = box.metadata.keys;
  serial = box.metadata.serial;
  packs = await compileTestPacks(join(work, 'packs'), keys, 3);
  await installPacks(template, [packs[0]!, packs[1]!], { dataDir: join(work, 'template-data') });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function freshBox(): Promise<{ root: string; dataDir: string }> {
  const root = join(work, `box-${++n}`);
  await cloneBox(template, root);
  return { root, dataDir: join(work, `data-${n}`) };
}

const pi = async (root: string): Promise<string[]> => parsePackIndex(await readFile(join(root, '.pi')));

describe('repairBox', () => {
  it('leaves a healthy box alone, without a backup', async () => {
    const { root, dataDir } = await freshBox();
    const report = await repairBox(root, { dataDir });
    expect(report).toEqual({ actions: [], notInPackList: [], changed: false, safeToUnplug: true });
    expect(await listBackups(dataDir, serial)).toEqual([]);
  });

  it('drops a listed pack whose folder is missing, after backing up the list', async () => {
    const { root, dataDir } = await freshBox();
    const [a, b] = packs as [TestPack, TestPack];
    await rm(join(root, '.content', a.folderName), { recursive: true });
    expect((await openLuniiBox(root)).packs.map((pack) => pack.present)).toEqual([false, true]);

    const report = await repairBox(root, { dataDir });
    expect(report.actions).toEqual([
      {
        code: 'pack-dropped',
        pack: a.folderName,
        text: `Dropped pack ${a.folderName} from .pi: its folder is missing from the box.`,
      },
    ]);
    expect(await pi(root)).toEqual([b.uuid]);
    const [backup] = await listBackups(dataDir, serial);
    expect(parsePackIndex(await readFile(join(backup!.dir, '.pi')))).toEqual([a.uuid, b.uuid]);
  });

  it('keeps the whole entries of a torn list, and drops duplicates', async () => {
    const { root, dataDir } = await freshBox();
    const [a, b] = packs as [TestPack, TestPack];
    await writeFile(
      join(root, '.pi'),
      Buffer.concat([
        serializePackIndex([a.uuid, b.uuid]),
        serializePackIndex([a.uuid]),
        Buffer.from([0xff, 0x01]),
      ]),
    );
    const report = await repairBox(root, { dataDir });
    expect(report.actions.map((action) => action.code)).toEqual(['pack-list-damaged', 'pack-listed-twice']);
    expect(report.actions.map((action) => action.text).join('\n')).toMatch(/damaged \(2 stray bytes/);
    expect(report.actions[1]).toMatchObject({
      pack: a.folderName,
      text: expect.stringMatching(/listed twice/),
    });
    expect(await pi(root)).toEqual([a.uuid, b.uuid]);
  });

  it('removes Talemo leftovers, and reports but keeps folders another tool put there', async () => {
    const { root, dataDir } = await freshBox();
    await mkdir(join(root, '.content', '.talemo-tmp-0000FFFF', 'rf'), { recursive: true });
    await writeFile(join(root, '.pi.talemo-new'), 'half');
    await writeFile(join(root, '.content', packs[0]!.folderName, 'nm.talemo-new'), '');
    await mkdir(join(root, '.content', 'C0FFEE42'));
    await writeFile(join(root, '.content', 'C0FFEE42', 'ni'), 'someone else’s');

    const report = await repairBox(root, { dataDir });
    expect(report.actions.map((action) => action.code).sort()).toEqual([
      'copy-removed',
      'temp-removed',
      'temp-removed',
    ]);
    expect(report.notInPackList).toEqual(['C0FFEE42']);
    expect(existsSync(join(root, '.content', 'C0FFEE42', 'ni'))).toBe(true);
    expect((await readdir(root)).filter((name) => name.includes('talemo'))).toEqual([]);
    expect((await readdir(join(root, '.content'))).sort()).toEqual(
      ['C0FFEE42', packs[0]!.folderName, packs[1]!.folderName].sort(),
    );
  });

  it('commits a journaled install whose copy was verified, checking it against the journal', async () => {
    const { root, dataDir } = await freshBox();
    const c = packs[2]!;
    const temp = join(root, '.content', `.talemo-tmp-${c.folderName}`);
    await cp(c.sourceDir, temp, { recursive: true });
    const files = [];
    for (const path of ['bt', 'li', 'ni', 'ri', 'si', 'rf/000/00000000', 'sf/000/00000000']) {
      if (existsSync(join(temp, path))) files.push({ path, ...(await checkFile(join(temp, path))) });
    }
    await writeJournal(
      root,
      newJournal({ op: 'install', packs: [{ uuid: c.uuid, state: 'verified', files }] }),
    );

    const report = await repairBox(root, { dataDir });
    expect(report.actions).toEqual([
      {
        code: 'install-finished',
        pack: c.folderName,
        text: expect.stringContaining(`Finished installing pack ${c.folderName}`),
      },
    ]);
    expect(await pi(root)).toEqual([packs[0]!.uuid, packs[1]!.uuid, c.uuid]);
    expect(await verifyLuniiPack(join(root, '.content', c.folderName), keys)).toEqual({
      ok: true,
      problems: [],
    });
    expect(existsSync(join(root, '.talemo-journal'))).toBe(false);
  });

  it('removes a journaled copy that no longer matches its hashes', async () => {
    const { root, dataDir } = await freshBox();
    const c = packs[2]!;
    const temp = join(root, '.content', `.talemo-tmp-${c.folderName}`);
    await cp(c.sourceDir, temp, { recursive: true });
    const ni = await checkFile(join(temp, 'ni'));
    await writeFile(join(temp, 'ni'), 'torn');
    await writeJournal(
      root,
      newJournal({
        op: 'install',
        packs: [{ uuid: c.uuid, state: 'verified', files: [{ path: 'ni', ...ni }] }],
      }),
    );
    const report = await repairBox(root, { dataDir });
    expect(report.actions.map((action) => action.text).join('\n')).toContain(`Pack ${c.folderName}`);
    expect(existsSync(temp)).toBe(false);
    expect(await pi(root)).toEqual([packs[0]!.uuid, packs[1]!.uuid]);
  });

  it('finishes a journaled removal, and throws away a damaged journal', async () => {
    const { root, dataDir } = await freshBox();
    const a = packs[0]!;
    await writeJournal(root, newJournal({ op: 'remove', packs: [{ uuid: a.uuid, hidden: false }] }));
    expect((await openLuniiBox(root)).interrupted).toBe(true);
    const report = await repairBox(root, { dataDir });
    expect(report.actions).toEqual([
      {
        code: 'remove-finished',
        pack: a.folderName,
        text: expect.stringContaining(`Finished removing pack ${a.folderName}`),
      },
    ]);
    expect(await pi(root)).toEqual([packs[1]!.uuid]);
    expect(existsSync(join(root, '.content', a.folderName))).toBe(false);

    await writeFile(join(root, '.talemo-journal'), '{"version":1,"op":"install"');
    const second = await repairBox(root, { dataDir });
    expect(second.actions).toEqual([
      { code: 'journal-damaged', text: expect.stringContaining('damaged Talemo journal') },
    ]);
    expect(existsSync(join(root, '.talemo-journal'))).toBe(false);
  });

  it('reports an unplugged box', async () => {
    await expect(repairBox(join(work, 'gone'), { dataDir: work })).rejects.toMatchObject({
      code: 'unplugged',
    });
  });
});
