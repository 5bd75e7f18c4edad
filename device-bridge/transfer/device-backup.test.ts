import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePackIndex, serializePackIndex } from '../devices/pack-index';
import { makeFakeLuniiDevice } from '../formats/lunii/fake-lunii-device';
import { backupBox, backupBoxOnce, listBackups, restoreBackup } from './device-backup';

const A = '0b9c3a4e-1f6d-4c1a-9e55-00000000aa01';
const B = '0b9c3a4e-1f6d-4c1a-9e55-00000000bb02';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-backup-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function boxWithTwoPacks(name: string): Promise<{ root: string; serial: string }> {
  const root = join(work, name);
  const box = await makeFakeLuniiDevice(root, { family: 'v3', seed: name });
  for (const folder of ['0000AA01', '0000BB02']) {
    await mkdir(join(root, '.content', folder));
    await writeFile(join(root, '.content', folder, 'ni'), folder);
  }
  await writeFile(join(root, '.pi'), serializePackIndex([A, B]));
  return { root, serial: box.metadata.serial };
}

describe('device backups', () => {
  it('backs a box up once per session, keeping the first .md of each version', async () => {
    const { root, serial } = await boxWithTwoPacks('once');
    const dataDir = join(work, 'data-once');
    const first = await backupBoxOnce(root, dataDir);
    const again = await backupBoxOnce(root, dataDir);
    expect(again.id).toBe(first.id);
    expect(first.files).toEqual(['.md', '.pi']);
    expect(await readFile(join(first.dir, '.md'))).toEqual(await readFile(join(root, '.md')));
    const boxDir = join(dataDir, 'devices', serial);
    expect((await readdir(boxDir)).sort()).toEqual([first.id, 'first-seen.v7.md'].sort());
    // An explicit backup is always new, and listed newest first.
    const second = await backupBox(root, dataDir);
    expect((await listBackups(dataDir, serial)).map((backup) => backup.id)).toEqual([second.id, first.id]);
  });

  it('restores .pi from a backup, leaving out packs whose folder is gone, and backs up first', async () => {
    const { root, serial } = await boxWithTwoPacks('restore');
    const dataDir = join(work, 'data-restore');
    const backup = await backupBox(root, dataDir);
    await writeFile(join(root, '.pi'), serializePackIndex([B]));
    await rm(join(root, '.content', '0000BB02'), { recursive: true });

    const result = await restoreBackup(root, backup.id, { dataDir });
    expect(result.packs).toEqual([A]);
    expect(result.dropped).toEqual([B]);
    expect(parsePackIndex(await readFile(join(root, '.pi')))).toEqual([A]);
    expect(parsePackIndex(await readFile(join(result.before.dir, '.pi')))).toEqual([B]);
    expect(existsSync(join(root, '.md'))).toBe(true);
    await expect(restoreBackup(root, 'backup-nope', { dataDir })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect((await listBackups(dataDir, serial)).length).toBe(2);
  });
});
