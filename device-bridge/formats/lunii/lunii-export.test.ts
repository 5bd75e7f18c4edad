import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { inspectMp3, mp3ConformsToLunii } from '../../audio/encode/mp3-frames';
import type { StoryGraph } from '../../pack/story-graph';
import { readStudioZip } from '../studio/studio-reader';
import { makeFakeLuniiDevice } from './fake-lunii-device';
import { exportLuniiPackToStudio } from './lunii-export';
import { decipherPackFile } from './lunii-file-cipher';
import type { LuniiKeys } from './lunii-keys';
import { compileLuniiPack, type LuniiCompileResult } from './lunii-pack-compiler';
import { readLuniiPack } from './lunii-pack-reader';
import { sha256, TEST_PACK_UUID, writeTestStory, type TestStory } from './lunii-test-story';

let root: string;
let story: TestStory;
let keys: LuniiKeys;
let compiled: LuniiCompileResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'talemo-lunii-export-'));
  story = await writeTestStory(join(root, 'assets'));
  keys = (await makeFakeLuniiDevice(join(root, 'box'), { family: 'v3', mdVersion: 7, seed: 'export' }))
    .metadata.keys;
  compiled = await compileLuniiPack(
    {
      graph: story.graph,
      packUuid: TEST_PACK_UUID,
      packVersion: 5,
      nightMode: true,
      assetPath: story.assetPath,
    },
    keys,
    join(root, 'out'),
    { workDir: join(root, 'work') },
  );
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The graph with ids replaced by positions: what must survive a trip through a box. */
function shape(graph: StoryGraph) {
  const cover = graph.stages.find((stage) => stage.id === graph.coverId)!;
  const stages = [cover, ...graph.stages.filter((stage) => stage !== cover)];
  const at = new Map(stages.map((stage, i) => [stage.id, i]));
  const actions = new Map(graph.actions.map((action) => [action.id, action.options.map((id) => at.get(id))]));
  const link = (transition: StoryGraph['stages'][number]['ok']) =>
    transition && { options: actions.get(transition.action), optionIndex: transition.optionIndex };
  return stages.map((stage) => ({
    controls: stage.controls,
    hasImage: stage.image !== null,
    ok: stage.end ? null : link(stage.ok),
    home: link(stage.home),
    end: stage.end,
  }));
}

describe('exportLuniiPackToStudio', () => {
  it('gives back a STUdio zip with the same graph shape, PNG pictures and the MP3s on the box', async () => {
    const zip = join(root, 'exported.zip');
    const steps: [number, number][] = [];
    const result = await exportLuniiPackToStudio(compiled.folderPath, TEST_PACK_UUID, keys, zip, {
      title: 'Back from the box',
      onProgress: (done, total) => steps.push([done, total]),
    });
    expect(result).toEqual({ stageCount: 5, actionCount: 3, imageCount: 2, soundCount: 4 });
    expect(steps.at(-1)).toEqual([7, 7]);

    const staging = join(root, 'reimport');
    const pack = await readStudioZip(zip, { stagingDir: staging });
    expect(pack).toMatchObject({ title: 'Back from the box', packVersion: 5, nightMode: true });
    expect(pack.graph.coverId).toBe(TEST_PACK_UUID);
    expect(pack.graph.stages[0]!.id).toBe(TEST_PACK_UUID);
    expect(shape(pack.graph)).toEqual(shape(story.graph));
    // Every stage has audio now: the silent stage got the compiler's silence.
    expect(pack.graph.stages.every((stage) => stage.audio?.mime === 'audio/mpeg')).toBe(true);

    const box = await readLuniiPack(compiled.folderPath, keys);
    for (const [i, stage] of pack.graph.stages.entries()) {
      const mp3 = await readFile(join(staging, stage.audio!.hash));
      const onBox = decipherPackFile(new Uint8Array(await readFile(box.stages[i]!.audioPath!)), keys);
      expect(sha256(mp3), `stage ${i}`).toBe(sha256(onBox));
      const path = join(root, `check-${i}.mp3`);
      await writeFile(path, mp3);
      expect(mp3ConformsToLunii(await inspectMp3(path)).ok).toBe(true);
      if (stage.image) {
        const png = await readFile(join(staging, stage.image.hash));
        expect(stage.image.mime).toBe('image/png');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([320, 240]);
      }
    }
    await rm(staging, { recursive: true, force: true });
  });

  it('exports the same pack to the same zip twice (stable ids)', async () => {
    await exportLuniiPackToStudio(compiled.folderPath, TEST_PACK_UUID, keys, join(root, 'a.zip'));
    await exportLuniiPackToStudio(compiled.folderPath, TEST_PACK_UUID, keys, join(root, 'b.zip'));
    expect(sha256(await readFile(join(root, 'a.zip')))).toBe(sha256(await readFile(join(root, 'b.zip'))));
  });

  it('refuses a pack made for another box, writing no zip', async () => {
    const other = (await makeFakeLuniiDevice(join(root, 'other'), { family: 'v3', seed: 'someone else' }))
      .metadata.keys;
    const zip = join(root, 'refused.zip');
    await expect(
      exportLuniiPackToStudio(compiled.folderPath, TEST_PACK_UUID, other, zip),
    ).rejects.toMatchObject({
      code: 'wrong-keys',
    });
    await expect(readFile(zip)).rejects.toThrow(/ENOENT/);
  });
});
