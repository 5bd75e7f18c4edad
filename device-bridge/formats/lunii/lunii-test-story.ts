/**
 * A small branching story with real media for the Lunii tests: generated PNG pictures (one
 * saved twice with different bytes but the same pixels, to prove dedupe by content) and
 * half-second WAV tones. cover → menu (choice 1 | choice 2); choice 1 → story 1 (ends, HOME back
 * to the menu); choice 2 has no audio and picks a random next stage → story 2 (ends).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

import { encodeWavMono16 } from '../../audio/wav-encode';
import { encodePngRgb } from '../../image/png-encode';
import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../pack/story-graph';

export const TEST_PACK_UUID = '7a1c5e2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d';

export interface TestStory {
  graph: StoryGraph;
  assetPath: (sha256: string) => string;
  /** Distinct source files, by role. */
  media: { pictures: Uint8Array[]; sounds: Uint8Array[] };
}

export async function writeTestStory(dir: string): Promise<TestStory> {
  await mkdir(dir, { recursive: true });
  const picture = gradientPng(64, 48, 0);
  const sameAgain = withTextChunk(picture, 'saved again by another editor');
  const other = gradientPng(40, 30, 1);
  const sounds = [tone(330), tone(440), tone(550)];
  const files = [picture, sameAgain, other, ...sounds];
  for (const bytes of files) await writeFile(join(dir, sha256(bytes)), bytes);
  const png = (bytes: Uint8Array) => ({ hash: sha256(bytes), mime: 'image/png' as const });
  const wav = (bytes: Uint8Array) => ({ hash: sha256(bytes), mime: 'audio/wav' as const });

  const graph: StoryGraph = {
    coverId: TEST_PACK_UUID,
    stages: [
      stage('choice-2', 'Choice 2', null, null, { action: 'to-story-2', optionIndex: -1 }, MENU_CONTROLS),
      stage(
        TEST_PACK_UUID,
        'Cover',
        png(picture),
        wav(sounds[0]!),
        { action: 'menu', optionIndex: 0 },
        MENU_CONTROLS,
      ),
      stage(
        'choice-1',
        'Choice 1',
        png(other),
        wav(sounds[1]!),
        { action: 'to-story-1', optionIndex: 0 },
        MENU_CONTROLS,
      ),
      {
        ...stage('story-1', 'Story 1', png(sameAgain), wav(sounds[0]!), null, STORY_CONTROLS),
        home: { action: 'menu', optionIndex: 1 },
      },
      stage('story-2', 'Story 2', null, wav(sounds[2]!), null, STORY_CONTROLS),
    ],
    actions: [
      { id: 'menu', name: 'Menu', options: ['choice-1', 'choice-2'] },
      { id: 'to-story-1', name: '', options: ['story-1'] },
      { id: 'to-story-2', name: '', options: ['story-2'] },
    ],
  };
  return {
    graph,
    assetPath: (hash) => join(dir, hash),
    media: { pictures: [picture, sameAgain, other], sounds },
  };
}

function stage(
  id: string,
  name: string,
  image: StoryGraph['stages'][number]['image'],
  audio: StoryGraph['stages'][number]['audio'],
  ok: StoryGraph['stages'][number]['ok'],
  controls: StoryGraph['stages'][number]['controls'],
): StoryGraph['stages'][number] {
  return { id, name, text: '', image, audio, controls, ok, home: null, end: ok === null };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function gradientPng(width: number, height: number, variant: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      rgb[at] = variant ? 255 - x * 4 : x * 4;
      rgb[at + 1] = y * 5;
      rgb[at + 2] = variant ? 200 : 60;
    }
  }
  return encodePngRgb(width, height, rgb);
}

/** The same PNG with a tEXt chunk before IEND: other bytes, same pixels. */
function withTextChunk(png: Uint8Array, text: string): Uint8Array {
  const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`Comment\0${text}`, 'latin1')]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

function tone(hz: number): Uint8Array {
  const rate = 22_050;
  const samples = Float32Array.from(
    { length: rate / 2 },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate),
  );
  return encodeWavMono16(samples, rate);
}
