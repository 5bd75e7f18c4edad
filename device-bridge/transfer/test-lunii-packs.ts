/**
 * Real Lunii packs for the transfer tests: a fake box (formats/lunii/fake-lunii-device.ts) and
 * small packs compiled for its keys by the real compiler, from a generated picture and tone.
 * Compiled once per test file and copied from there.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { encodeWavMono16 } from '../audio/wav-encode';
import { makeFakeLuniiDevice, type FakeLuniiDevice } from '../formats/lunii/fake-lunii-device';
import type { LuniiKeys } from '../formats/lunii/lunii-keys';
import { compileLuniiPack } from '../formats/lunii/lunii-pack-compiler';
import { encodePngRgb } from '../image/png-encode';
import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../pack/story-graph';

export interface TestPack {
  uuid: string;
  folderName: string;
  /** The compiled pack folder, ready to install. */
  sourceDir: string;
}

/** `count` distinct packs for `keys`, under `dir`. */
export async function compileTestPacks(dir: string, keys: LuniiKeys, count: number): Promise<TestPack[]> {
  const assets = join(dir, 'assets');
  await mkdir(assets, { recursive: true });
  const packs: TestPack[] = [];
  const hashOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
  // Why one tone for all: the compiler caches conversions by source hash, and encoding MP3 is
  // the slow part; the packs still differ by picture, uuid and night mode.
  const tone = encodeWavMono16(toneSamples(440, 0.2, 44100), 44100);
  await writeFile(join(assets, hashOf(tone)), tone);
  for (let n = 1; n <= count; n += 1) {
    const image = encodePngRgb(1, 1, new Uint8Array([40 * n, 90, 200 - 30 * n]));
    await writeFile(join(assets, hashOf(image)), image);
    const uuid = `7a1e5c00-0000-4000-8000-${(0xc0ffee000000 + n).toString(16)}`;
    const result = await compileLuniiPack(
      {
        graph: twoStageGraph(uuid, hashOf(image), hashOf(tone)),
        packUuid: uuid,
        packVersion: 1,
        nightMode: n % 2 === 0,
        assetPath: (hash) => join(assets, hash),
      },
      keys,
      join(dir, `pack-${n}`),
      { workDir: join(dir, 'work') },
    );
    packs.push({ uuid: result.uuid, folderName: result.folderName, sourceDir: result.folderPath });
  }
  return packs;
}

/** A v2 fake box with a fixed seed: every call gives the same keys. */
export async function makeTestBox(root: string): Promise<FakeLuniiDevice> {
  return makeFakeLuniiDevice(root, { family: 'v2', seed: 'talemo-transfer-tests' });
}

/** A copy of a prepared box folder, for tests that each need their own. */
export async function cloneBox(template: string, root: string): Promise<void> {
  await cp(template, root, { recursive: true });
}

/** path → SHA-256 of every file under `dir`, to compare a pack on the box with its source. */
export async function folderHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(at, entry.name), rel);
      else
        out[rel] = createHash('sha256')
          .update(await readFile(join(at, entry.name)))
          .digest('hex');
    }
  };
  await walk(dir, '');
  return out;
}

function toneSamples(hz: number, seconds: number, rate: number): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * rate) },
    (_, i) => 0.4 * Math.sin((2 * Math.PI * hz * i) / rate),
  );
}

function twoStageGraph(coverId: string, imageHash: string, audioHash: string): StoryGraph {
  return {
    coverId,
    stages: [
      {
        id: coverId,
        name: 'Cover',
        kind: 'cover',
        text: 'A test pack.',
        image: { hash: imageHash, mime: 'image/png' },
        audio: { hash: audioHash, mime: 'audio/wav' },
        controls: MENU_CONTROLS,
        ok: { action: 'go', optionIndex: 0 },
        home: null,
        end: false,
      },
      {
        id: 'story',
        name: 'Story',
        kind: 'story',
        text: 'The end.',
        image: null,
        audio: { hash: audioHash, mime: 'audio/wav' },
        controls: STORY_CONTROLS,
        ok: null,
        home: null,
        end: true,
      },
    ],
    actions: [{ id: 'go', name: 'start', options: ['story'] }],
  };
}
