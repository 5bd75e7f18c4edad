import { cp, mkdir, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeFakeLuniiDevice } from './fake-lunii-device';
import { computeBt } from './lunii-bt';
import { cipherPackFile } from './lunii-file-cipher';
import type { LuniiKeys } from './lunii-keys';
import { encodeListIndex } from './lunii-list-index';
import { parseLuniiMetadata } from './lunii-metadata';
import { compileLuniiPack } from './lunii-pack-compiler';
import { LuniiPackError } from './lunii-pack-error';
import { readLuniiPack, verifyLuniiPack } from './lunii-pack-reader';
import { goldenPack, hex } from './reference-fixtures';
import { TEST_PACK_UUID, writeTestStory } from './lunii-test-story';

let root: string;
let v2: LuniiKeys;
let v3: LuniiKeys;
/** Pristine packs; each test damages its own copy. */
const built: Record<'v2' | 'v3', string> = { v2: '', v3: '' };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'talemo-lunii-read-'));
  const story = await writeTestStory(join(root, 'assets'));
  // Why silent stages: the reader's checks do not depend on the sounds, and encoding them is slow.
  const graph = { ...story.graph, stages: story.graph.stages.map((stage) => ({ ...stage, audio: null })) };
  v2 = (await makeFakeLuniiDevice(join(root, 'box-v2'), { family: 'v2', seed: 'reader' })).metadata.keys;
  v3 = (await makeFakeLuniiDevice(join(root, 'box-v3'), { family: 'v3', seed: 'reader' })).metadata.keys;
  const input = {
    graph,
    packUuid: TEST_PACK_UUID,
    packVersion: 1,
    nightMode: false,
    assetPath: story.assetPath,
  };
  const workDir = join(root, 'work');
  built.v2 = (await compileLuniiPack(input, v2, join(root, 'built-v2'), { workDir })).folderPath;
  built.v3 = (await compileLuniiPack(input, v3, join(root, 'built-v3'), { workDir })).folderPath;
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let copies = 0;
async function copyOf(family: 'v2' | 'v3'): Promise<string> {
  const dir = join(root, `copy-${(copies += 1)}`, '2A3B4C5D');
  await cp(built[family], dir, { recursive: true });
  return dir;
}

async function refusal(folder: string, keys: LuniiKeys): Promise<LuniiPackError> {
  const error = await readLuniiPack(folder, keys).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (error instanceof LuniiPackError) return error;
  throw new Error(`expected a LuniiPackError, got ${String(error)}`);
}

describe('readLuniiPack on damaged packs', () => {
  it('accepts the pack as built', async () => {
    expect(await verifyLuniiPack(built.v2, v2)).toEqual({ ok: true, problems: [] });
    expect(await verifyLuniiPack(built.v3, v3)).toEqual({ ok: true, problems: [] });
  });

  it('refuses a truncated ni as corrupt', async () => {
    const folder = await copyOf('v2');
    await truncate(join(folder, 'ni'), 600);
    expect(await refusal(folder, v2)).toMatchObject({
      code: 'corrupt',
      file: 'ni',
      message: expect.stringMatching(/truncated/),
    });
  });

  it('refuses an ri entry whose file is missing as incomplete, naming the file', async () => {
    const folder = await copyOf('v3');
    await unlink(join(folder, 'rf', '000', '00000001'));
    expect(await refusal(folder, v3)).toMatchObject({ code: 'incomplete', file: 'rf/000/00000001' });
  });

  it('refuses a missing index file and an empty sound as incomplete', async () => {
    const folder = await copyOf('v2');
    await unlink(join(folder, 'si'));
    expect(await refusal(folder, v2)).toMatchObject({ code: 'incomplete', file: 'si' });
    const other = await copyOf('v2');
    await writeFile(join(other, 'sf', '000', '00000000'), '');
    expect(await refusal(other, v2)).toMatchObject({ code: 'incomplete', file: 'sf/000/00000000' });
  });

  it('refuses a v2 pack whose bt comes from another box as wrong-keys', async () => {
    const otherBox = (await makeFakeLuniiDevice(join(root, 'box-other'), { family: 'v2', seed: 'other' }))
      .metadata.keys;
    const folder = await copyOf('v2');
    // The other box's bt for the same ri: what a pack copied from a friend's Lunii carries.
    await writeFile(
      join(folder, 'bt'),
      computeBt(new Uint8Array(await readFile(join(folder, 'ri'))), otherBox),
    );
    const error = await refusal(folder, v2);
    expect(error).toMatchObject({
      code: 'wrong-keys',
      file: 'bt',
      message: expect.stringMatching(/another Lunii/),
    });
    // …and the box it was made for accepts it.
    expect((await verifyLuniiPack(folder, otherBox)).ok).toBe(true);
  });

  it('refuses a v3 pack read with another v3 box keys, and a v2 pack read as v3', async () => {
    const otherBox = (await makeFakeLuniiDevice(join(root, 'box-other-v3'), { family: 'v3', seed: 'other' }))
      .metadata.keys;
    expect(await refusal(built.v3, otherBox)).toMatchObject({ code: 'wrong-keys', file: 'ri' });
    expect(await refusal(built.v2, v3)).toMatchObject({
      code: 'wrong-keys',
      message: expect.stringMatching(/for a Lunii v2/),
    });
    expect(await refusal(built.v3, v2)).toMatchObject({ code: 'wrong-keys', file: 'ri' });
  });

  it('refuses an li that points past the stages, and an ni link past li', async () => {
    const folder = await copyOf('v2');
    await writeFile(join(folder, 'li'), cipherPackFile(encodeListIndex([2, 1, 3, 99]), v2));
    expect(await refusal(folder, v2)).toMatchObject({
      code: 'corrupt',
      file: 'li',
      message: expect.stringMatching(/node 99/),
    });
    const short = await copyOf('v2');
    await writeFile(join(short, 'li'), cipherPackFile(encodeListIndex([2, 1]), v2));
    expect(await refusal(short, v2)).toMatchObject({ code: 'corrupt', file: 'li' });
  });

  it('refuses a v3 file cut to a length AES never writes', async () => {
    const folder = await copyOf('v3');
    await truncate(join(folder, 'si'), 30);
    expect(await refusal(folder, v3)).toMatchObject({ code: 'corrupt', file: 'si' });
  });

  it('lists a picture that is not a Lunii BMP as a problem without refusing the pack', async () => {
    const folder = await copyOf('v2');
    await writeFile(join(folder, 'rf', '000', '00000001'), cipherPackFile(new Uint8Array(600).fill(7), v2));
    const verdict = await verifyLuniiPack(folder, v2);
    expect(verdict).toEqual({ ok: false, problems: ['rf/000/00000001: not a BMP picture'] });
  });

  it('verifyLuniiPack never throws, even on a folder that is not there', async () => {
    const verdict = await verifyLuniiPack(join(root, 'nothing-here'), v2);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(/ni file is missing/);
  });
});

describe("readLuniiPack on Lunii.QT's pack folders", () => {
  const golden = goldenPack();

  it.each(Object.entries(golden.devices))(
    '%s: reads its indexes, bt verifies, the graph matches its story.json',
    async (name, device) => {
      const keys = parseLuniiMetadata(hex(device.mdHex)).keys;
      const [folderName, files] = Object.entries(device.packs)[0]!;
      const folder = join(root, `luniiqt-${name}`, folderName);
      for (const [path, file] of Object.entries(files)) {
        await mkdir(join(folder, path, '..'), { recursive: true });
        // Index files as Lunii.QT wrote them; assets only by size (the fixture keeps their hashes, not bytes).
        await writeFile(
          join(folder, path),
          file.hex !== undefined ? hex(file.hex) : new Uint8Array(file.size),
        );
      }
      const pack = await readLuniiPack(folder, keys);
      expect(pack).toMatchObject({ packVersion: 2, nightMode: true });
      expect(pack.images.map((path) => path.slice(folder.length + 1))).toEqual([
        'rf/000/2C59C5CC',
        'rf/000/3DEA8528',
        'rf/000/B06BEFE5',
      ]);
      expect(pack.sounds).toHaveLength(5);
      expect(pack.actions.map((action) => action.options)).toEqual([[1, 2], [3], [4]]);
      expect(pack.stages.map((stage) => [stage.imageIndex, stage.soundIndex])).toEqual([
        [0, 0],
        [1, 1],
        [2, 2],
        [0, 3],
        [-1, 4],
      ]);
      expect(pack.stages[3]!.home).toMatchObject({ actionIndex: 0, optionIndex: 1 });
      expect(pack.stages[4]!.ok).toMatchObject({ actionIndex: 0, optionIndex: -1 });
      // The zero-filled stand-in assets are the only complaint.
      expect(
        pack.problems.every((problem) => /not a BMP|does not start with an MP3 frame/.test(problem)),
      ).toBe(true);
    },
  );
});
