import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { inspectMp3, mp3ConformsToLunii } from '../../audio/encode/mp3-frames';
import type { StoryGraph } from '../../pack/story-graph';
import { writeStudioZip } from '../studio/studio-writer';
import { makeFakeLuniiDevice } from './fake-lunii-device';
import { decipherPackFile } from './lunii-file-cipher';
import { LuniiFormatError } from './lunii-format-error';
import type { LuniiKeys } from './lunii-keys';
import { parseLuniiMetadata } from './lunii-metadata';
import { compileLuniiPack, compileStudioZipToLunii, type LuniiCompileResult } from './lunii-pack-compiler';
import { readLuniiPack } from './lunii-pack-reader';
import { TEST_PACK_UUID, writeTestStory, type TestStory } from './lunii-test-story';

let root: string;
let story: TestStory;
/** Shared by every compile: the conversions run once for the whole file. */
let workDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'talemo-lunii-compile-'));
  workDir = join(root, 'work');
  story = await writeTestStory(join(root, 'assets'));
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const input = (graph: StoryGraph = story.graph) => ({
  graph,
  packUuid: TEST_PACK_UUID,
  packVersion: 2,
  nightMode: true,
  assetPath: story.assetPath,
});

async function device(name: string, family: 'v2' | 'v3', mdVersion?: number): Promise<LuniiKeys> {
  return (
    await makeFakeLuniiDevice(join(root, name), { family, seed: name, ...(mdVersion ? { mdVersion } : {}) })
  ).metadata.keys;
}

describe.each([
  ['v2 (md v3)', 'v2', undefined],
  ['v3 (md v7)', 'v3', 7],
  ['v3 (md v6)', 'v3', 6],
] as const)('compile then read, %s', (label, family, mdVersion) => {
  let keys: LuniiKeys;
  let result: LuniiCompileResult;
  const outDir = () => join(root, `out-${family}-${mdVersion ?? 3}`);

  beforeAll(async () => {
    keys = await device(`box-${label}`, family, mdVersion);
    result = await compileLuniiPack(input(), keys, outDir(), { workDir });
  }, 60_000);

  it('writes a folder named by the UUID with every file listed, hashed as written', async () => {
    expect(result.folderName).toBe('2A3B4C5D');
    expect(await readdir(outDir())).toEqual(['2A3B4C5D']);
    const paths = result.files.map((file) => file.path);
    expect(paths).toEqual(
      ['bt', 'li', 'ni', 'nm', 'ri', 'si']
        .concat(['rf/000/00000000', 'rf/000/00000001'])
        .concat(['sf/000/00000000', 'sf/000/00000001', 'sf/000/00000002', 'sf/000/00000003'])
        .sort(),
    );
    for (const file of result.files) {
      const bytes = await readFile(join(result.folderPath, file.path));
      expect(bytes.length, file.path).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
    }
    expect(result.totalBytes).toBe(result.files.reduce((sum, file) => sum + file.size, 0));
  });

  it('reads back the graph: nodes, controls, links, night mode, no problems', async () => {
    const pack = await readLuniiPack(result.folderPath, keys);
    expect(pack.problems).toEqual([]);
    expect(pack).toMatchObject({ packVersion: 2, nightMode: true });
    // ni order: the cover first, then the graph's order without it.
    const order = [TEST_PACK_UUID, 'choice-2', 'choice-1', 'story-1', 'story-2'];
    const byId = new Map(story.graph.stages.map((stage) => [stage.id, stage]));
    const actionOptions = new Map(
      story.graph.actions.map((action) => [action.id, action.options.map((id) => order.indexOf(id))]),
    );
    pack.stages.forEach((stage, i) => {
      const source = byId.get(order[i]!)!;
      expect(stage.controls).toEqual(source.controls);
      for (const which of ['ok', 'home'] as const) {
        const link = source[which];
        const read = stage[which];
        if (!link || (which === 'ok' && source.end)) {
          expect(read, `${order[i]} ${which}`).toBeNull();
          continue;
        }
        expect(pack.actions[read!.actionIndex]!.options).toEqual(actionOptions.get(link.action));
        expect(read!.optionIndex).toBe(link.optionIndex);
      }
      expect(stage.imagePath !== null).toBe(source.image !== null);
      expect(stage.audioPath).not.toBeNull();
    });
    // The two PNGs with the same pixels share one BMP; the silent stage gets its own MP3.
    expect(pack.images).toHaveLength(2);
    expect(pack.stages[0]!.imagePath).toBe(pack.stages[3]!.imagePath);
    expect(pack.sounds).toHaveLength(4);
  });

  it('ciphers the first block and leaves a box-ready BMP and MP3 underneath', async () => {
    const pack = await readLuniiPack(result.folderPath, keys);
    const rawImage = new Uint8Array(await readFile(pack.images[0]!));
    expect(Buffer.from(rawImage.subarray(0, 2)).toString('latin1')).not.toBe('BM');
    const bmp = decipherPackFile(rawImage, keys);
    const view = new DataView(bmp.buffer, bmp.byteOffset);
    expect([view.getUint16(0, true), view.getInt32(18, true), view.getInt32(22, true)]).toEqual([
      0x4d42, 320, 240,
    ]);
    expect([view.getUint16(28, true), view.getUint32(30, true), view.getUint32(10, true)]).toEqual([
      4, 2, 0x76,
    ]);
    expect(rawImage.subarray(512)).toEqual(bmp.subarray(512));

    for (const path of pack.sounds) {
      const plain = join(root, `plain-${createHash('sha1').update(path).digest('hex')}.mp3`);
      await writeFile(plain, decipherPackFile(new Uint8Array(await readFile(path)), keys));
      expect(mp3ConformsToLunii(await inspectMp3(plain)), path).toEqual({ ok: true, reasons: [] });
    }
  });
});

describe('compileLuniiPack', () => {
  it('re-compiles from its cache to the same bytes, replacing the older folder', async () => {
    const keys = await device('box-again', 'v2');
    const outDir = join(root, 'out-again');
    const first = await compileLuniiPack(input(), keys, outDir, { workDir });
    const cached = (await readdir(join(workDir, 'lunii-cache-v1'))).sort();
    const steps: [number, number][] = [];
    const second = await compileLuniiPack(input(), keys, outDir, {
      workDir,
      onProgress: (done, total) => steps.push([done, total]),
    });
    expect(second.files).toEqual(first.files);
    expect((await readdir(join(workDir, 'lunii-cache-v1'))).sort()).toEqual(cached);
    expect(await readdir(outDir)).toEqual(['2A3B4C5D']);
    expect(steps.at(-1)![0]).toBe(steps.at(-1)![1]);
    expect(new Set(steps.map(([, total]) => total)).size).toBe(1);
    expect(steps.every(([done], i) => i === 0 || done >= steps[i - 1]![0])).toBe(true);
  });

  it('binds the pack to the box: the same story compiled for two v2 boxes differs only in bt', async () => {
    const a = await compileLuniiPack(input(), await device('box-a', 'v2'), join(root, 'out-a'), { workDir });
    const b = await compileLuniiPack(input(), await device('box-b', 'v2'), join(root, 'out-b'), { workDir });
    const differing = a.files
      .filter((file, i) => file.sha256 !== b.files[i]!.sha256)
      .map((file) => file.path);
    expect(differing).toEqual(['bt']);
  });

  it.each<[string, (graph: StoryGraph) => StoryGraph, RegExp]>([
    ['no cover', (graph) => ({ ...graph, coverId: 'gone' }), /no cover.*gone/],
    [
      'a cover with no picture',
      (graph) => ({
        ...graph,
        stages: graph.stages.map((s) => (s.id === TEST_PACK_UUID ? { ...s, image: null } : s)),
      }),
      /cover "Cover".*no picture/,
    ],
    [
      'a dangling transition',
      (graph) => ({
        ...graph,
        stages: graph.stages.map((s) =>
          s.id === 'choice-1' ? { ...s, ok: { action: 'nowhere', optionIndex: 0 } } : s,
        ),
      }),
      /OK link of "Choice 1" \(choice-1\) leads to nowhere/,
    ],
    [
      'an action with no option',
      (graph) => ({
        ...graph,
        actions: graph.actions.map((a) => (a.id === 'to-story-2' ? { ...a, options: [] } : a)),
      }),
      /choice to-story-2 offers no option/,
    ],
    [
      'an option that is not a stage',
      (graph) => ({
        ...graph,
        actions: graph.actions.map((a) => (a.id === 'menu' ? { ...a, options: ['choice-1', 'ghost'] } : a)),
      }),
      /"Menu" \(menu\) leads to ghost/,
    ],
    [
      'an option index past the choices',
      (graph) => ({
        ...graph,
        stages: graph.stages.map((s) =>
          s.id === TEST_PACK_UUID ? { ...s, ok: { action: 'menu', optionIndex: 2 } } : s,
        ),
      }),
      /picks option 2 of menu, which has only 2/,
    ],
  ])('refuses a graph with %s, naming the node, writing nothing', async (_, damage, message) => {
    const outDir = join(root, `out-refused-${createHash('sha1').update(String(message)).digest('hex')}`);
    const error = await compileLuniiPack(input(damage(story.graph)), await device('box-r', 'v2'), outDir, {
      workDir,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LuniiFormatError);
    expect(error).toMatchObject({ code: 'unplayable-graph', message: expect.stringMatching(message) });
    await expect(readdir(outDir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a missing asset file and an asset that is not a picture, leaving no folder behind', async () => {
    const outDir = join(root, 'out-missing');
    const keys = await device('box-m', 'v2');
    const missing = {
      ...input(),
      assetPath: (hash: string) =>
        hash === story.graph.stages[2]!.image!.hash ? join(root, 'nope') : story.assetPath(hash),
    };
    await expect(compileLuniiPack(missing, keys, outDir, { workDir })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/picture of "Choice 1".*missing/),
    });
    const notAPicture = join(root, 'not-a-picture');
    await writeFile(notAPicture, 'hello');
    const wrong = {
      ...input(),
      assetPath: (hash: string) =>
        hash === story.graph.stages[2]!.image!.hash ? notAPicture : story.assetPath(hash),
    };
    // Why another work folder: the cache trusts a content-addressed store, and this one lies.
    await expect(
      compileLuniiPack(wrong, keys, outDir, { workDir: join(root, 'work-wrong') }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/picture of "Choice 1" \(choice-1\) cannot be used on a Lunii/),
    });
    await expect(
      readdir(outDir)
        .then((names) => names.length)
        .catch(() => 0),
    ).resolves.toBe(0);
  });

  it('refuses a pack UUID that is not a UUID', async () => {
    await expect(
      compileLuniiPack({ ...input(), packUuid: 'cover' }, await device('box-u', 'v2'), join(root, 'out-u'), {
        workDir,
      }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/"cover"/) });
  });

  it('stops when cancelled and leaves no half-written folder', async () => {
    const controller = new AbortController();
    const outDir = join(root, 'out-cancel');
    const error = await compileLuniiPack(input(), await device('box-c', 'v2'), outDir, {
      workDir: join(root, 'work-cancel'),
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'cancelled' });
    await expect(
      readdir(outDir)
        .then((names) => names.length)
        .catch(() => 0),
    ).resolves.toBe(0);
  });

  it('refuses a box whose .md it cannot read before anything is built', async () => {
    const box = await makeFakeLuniiDevice(join(root, 'box-future'), { family: 'v3', seed: 'future' });
    const md = await readFile(box.mdPath);
    md.writeUInt16LE(8, 0);
    await writeFile(box.mdPath, md);
    expect(() => parseLuniiMetadata(new Uint8Array(md))).toThrow(
      expect.objectContaining({ code: 'unsupported-metadata', message: expect.stringMatching(/version 8/) }),
    );
    expect(await readdir(join(box.root, '.content'))).toEqual([]);
  });
});

describe('compileStudioZipToLunii', () => {
  it('compiles a STUdio zip with the first stage node as the pack UUID', async () => {
    const zip = join(root, 'story.zip');
    await writeStudioZip(
      {
        graph: story.graph,
        title: 'Golden',
        description: 'a test',
        packVersion: 4,
        nightMode: false,
        assetPath: story.assetPath,
      },
      zip,
    );
    const keys = await device('box-zip', 'v3', 7);
    const steps: number[] = [];
    const result = await compileStudioZipToLunii(zip, keys, join(root, 'out-zip'), {
      workDir,
      onProgress: (done) => steps.push(done),
    });
    expect(result).toMatchObject({
      uuid: TEST_PACK_UUID,
      folderName: '2A3B4C5D',
      title: 'Golden',
      description: 'a test',
    });
    const pack = await readLuniiPack(result.folderPath, keys);
    expect(pack).toMatchObject({ packVersion: 4, nightMode: false, problems: [] });
    expect(pack.stages).toHaveLength(5);
    expect(steps.length).toBeGreaterThan(3);
    expect((await readdir(workDir)).filter((name) => name.startsWith('studio-'))).toEqual([]);
  });
});
