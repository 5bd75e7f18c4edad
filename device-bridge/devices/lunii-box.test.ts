import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeFakeLuniiDevice } from '../formats/lunii/fake-lunii-device';
import { BoxOpenError } from './box-open-error';
import { openLuniiBox } from './lunii-box';
import { serializePackIndex } from './pack-index';
import { bindReadOnly } from './test-volumes';

const A = '0b9c3a4e-1f6d-4c1a-9e55-00000000aa01';
const B = '0b9c3a4e-1f6d-4c1a-9e55-00000000bb02';
const H = '0b9c3a4e-1f6d-4c1a-9e55-00000000cc03';

let work: string;
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-box-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function box(family: 'v2' | 'v3' = 'v3'): Promise<string> {
  const root = join(work, `box-${++n}`);
  await makeFakeLuniiDevice(root, { family, seed: n, serial: '23023030012345' });
  return root;
}

async function packFolder(
  root: string,
  area: '.content' | '.content.hidden',
  name: string,
  bytes: number,
): Promise<void> {
  const dir = join(root, area, name);
  await mkdir(join(dir, 'sf', '000'), { recursive: true });
  await writeFile(join(dir, 'ni'), Buffer.alloc(bytes));
  await writeFile(join(dir, 'sf', '000', '00000000'), Buffer.alloc(1000));
}

async function openError(root: string): Promise<BoxOpenError> {
  const error = await openLuniiBox(root).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BoxOpenError);
  return error as BoxOpenError;
}

describe('openLuniiBox', () => {
  it('reads the box, its packs in play order, hidden packs, sizes, night mode and space', async () => {
    const root = await box('v3');
    await packFolder(root, '.content', '0000BB02', 600);
    await packFolder(root, '.content', '0000AA01', 24);
    await writeFile(join(root, '.content', '0000AA01', 'nm'), '');
    await packFolder(root, '.content.hidden', '0000CC03', 10);
    await writeFile(join(root, '.pi'), serializePackIndex([B, A]));
    await writeFile(join(root, '.pi.hidden'), serializePackIndex([H]));

    const opened = await openLuniiBox(root);
    expect(opened.metadata.family).toBe('v3');
    expect(opened.metadata.serial).toBe('23023030012345');
    expect(opened.packs).toEqual([
      { uuid: B, folderName: '0000BB02', hidden: false, present: true, sizeBytes: 1600, nightMode: false },
      { uuid: A, folderName: '0000AA01', hidden: false, present: true, sizeBytes: 1024, nightMode: true },
      { uuid: H, folderName: '0000CC03', hidden: true, present: true, sizeBytes: 1010, nightMode: false },
    ]);
    expect(opened.totalBytes).toBeGreaterThan(0);
    expect(opened.freeBytes).toBeGreaterThan(0);
    expect(opened.readOnly).toBe(false);
    expect(opened.notInPackList).toEqual([]);
    expect(opened.interrupted).toBe(false);
    // The read-only probe leaves nothing behind.
    expect((await readdir(root)).filter((name) => name.startsWith('.talemo'))).toEqual([]);
  });

  it('lists a pack whose folder is gone as missing, and reports folders no list names', async () => {
    const root = await box('v2');
    await packFolder(root, '.content', '0000AA01', 1);
    await packFolder(root, '.content', '1234ABCD', 1);
    await writeFile(join(root, '.pi'), serializePackIndex([A, B]));
    const opened = await openLuniiBox(root);
    expect(opened.packs.map((pack) => [pack.folderName, pack.present])).toEqual([
      ['0000AA01', true],
      ['0000BB02', false],
    ]);
    expect(opened.notInPackList).toEqual(['1234ABCD']);
  });

  it('refuses a torn pack list by name', async () => {
    const root = await box();
    await writeFile(join(root, '.pi'), Buffer.alloc(20));
    const error = await openError(root);
    expect(error.reason).toBe('damaged-index');
    expect(error.message).toContain('20 bytes');
  });

  it('refuses a metadata version it does not know, naming the version and firmware', async () => {
    const root = await box('v3');
    const md = Buffer.alloc(128);
    md.writeUInt16LE(9, 0);
    md.write('3', 2);
    md.write('4', 4);
    md.write('1', 6);
    await writeFile(join(root, '.md'), md);
    const error = await openError(root);
    expect(error.reason).toBe('unsupported-metadata');
    expect(error.message).toContain('metadata version 9, firmware 3.4.1');
  });

  it('refuses a .md or .pi far larger than a Lunii writes, without reading it whole', async () => {
    const hugeMd = await box();
    // Sparse: 2 GB on paper, nothing on disk; reading it whole would exhaust memory.
    await truncate(join(hugeMd, '.md'), 2 ** 31);
    await expect(openLuniiBox(hugeMd)).rejects.toMatchObject({ reason: 'unsupported-metadata' });
    const hugePi = await box();
    await truncate(join(hugePi, '.pi'), 2 ** 31);
    await expect(openLuniiBox(hugePi)).rejects.toThrow(/longer than any pack list/);
  });

  it('says when the folder is not a Lunii or not there', async () => {
    expect((await openError(work)).reason).toBe('not-a-lunii');
    expect((await openError(join(work, 'unplugged'))).reason).toBe('not-found');
  });

  it('finds a read-only box read-only [needs a device]', async (context) => {
    const root = await box();
    const mounted = await bindReadOnly(root);
    if (!mounted.ok) {
      // Without mount rights, a folder's permission bits are the only read-only switch, and
      // root ignores them: nothing real left to test here.
      context.skip(`no read-only volume can be made here: ${mounted.reason}`);
      return;
    }
    try {
      const opened = await openLuniiBox(root);
      expect(opened.readOnly).toBe(true);
      expect(existsSync(join(root, '.md'))).toBe(true);
    } finally {
      await mounted.unmount();
    }
    expect((await openLuniiBox(root)).readOnly).toBe(false);
  });
});
