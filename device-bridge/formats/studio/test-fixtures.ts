/**
 * Real small media for the STUdio tests (a valid PNG, MPEG-1 Layer III frames, a PCM WAV),
 * a content-addressed store to write packs from, and a branching story that uses them all.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodeWavMono16 } from '../../audio/wav-encode';
import { encodePngRgb } from '../../image/png-encode';
import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../pack/story-graph';

/** A 1×1 RGB PNG of one colour. */
export function tinyPng(red: number, green: number, blue: number): Buffer {
  return encodePngRgb(1, 1, new Uint8Array([red, green, blue]));
}

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames; `seed` makes the content distinct. */
export function tinyMp3(seed: number, frames = 3): Buffer {
  const FRAME_BYTES = 417;
  const bytes = Buffer.alloc(FRAME_BYTES * frames);
  for (let i = 0; i < frames; i += 1) {
    bytes.set([0xff, 0xfb, 0x90, 0x64, seed & 0xff], i * FRAME_BYTES);
  }
  return bytes;
}

export function tinyWav(): Buffer {
  const samples = Float32Array.from({ length: 400 }, (_, i) => Math.sin(i / 5) * 0.5);
  return Buffer.from(encodeWavMono16(samples, 8000));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Writes the files the way the library's asset store keeps them: one per SHA-256. */
export function assetStore(dir: string, files: Uint8Array[]): (hash: string) => string {
  mkdirSync(dir, { recursive: true });
  for (const bytes of files) writeFileSync(join(dir, sha256(bytes)), bytes);
  return (hash) => join(dir, hash);
}

export const MEDIA = {
  coverImage: tinyPng(200, 120, 40),
  leftImage: tinyPng(20, 90, 200),
  coverAudio: tinyMp3(1),
  questionAudio: tinyMp3(2),
  leftAudio: tinyWav(),
  epilogueAudio: tinyMp3(3),
};

/**
 * cover → question → (left | right); left ends, right → epilogue, which ends. Right reuses the
 * cover's audio; left's HOME goes back to the cover. Kinds, positions and a group round-trip.
 */
export function branchingGraph(): StoryGraph {
  const png = (bytes: Uint8Array) => ({ hash: sha256(bytes), mime: 'image/png' as const });
  const mp3 = (bytes: Uint8Array) => ({ hash: sha256(bytes), mime: 'audio/mpeg' as const });
  return {
    coverId: '0b9c3a4e-1f6d-4c1a-9e55-000000000001',
    stages: [
      {
        id: '0b9c3a4e-1f6d-4c1a-9e55-000000000001',
        name: 'The lantern moth',
        kind: 'cover',
        text: 'Pip and the lantern moth.',
        image: png(MEDIA.coverImage),
        audio: mp3(MEDIA.coverAudio),
        controls: MENU_CONTROLS,
        ok: { action: 'go-question', optionIndex: 0 },
        home: null,
        end: false,
        position: { x: 10, y: 20 },
      },
      {
        id: 'question',
        name: 'Which way?',
        kind: 'menu.questionstage',
        text: 'Shall Pip go left, or right?',
        image: null,
        audio: mp3(MEDIA.questionAudio),
        controls: STORY_CONTROLS,
        ok: { action: 'choice', optionIndex: -1 },
        home: null,
        end: false,
        groupId: 'menu-1',
      },
      {
        id: 'left',
        name: 'Left',
        kind: 'story',
        text: 'Pip finds the moth asleep.',
        image: png(MEDIA.leftImage),
        audio: { hash: sha256(MEDIA.leftAudio), mime: 'audio/wav' },
        controls: STORY_CONTROLS,
        ok: null,
        home: { action: 'back-to-cover', optionIndex: 0 },
        end: true,
      },
      {
        id: 'right',
        name: 'Right',
        text: '',
        image: null,
        audio: mp3(MEDIA.coverAudio),
        controls: STORY_CONTROLS,
        ok: { action: 'to-epilogue', optionIndex: 0 },
        home: null,
        end: false,
      },
      {
        id: 'epilogue',
        name: 'Goodnight',
        text: 'Goodnight, Pip.',
        image: null,
        audio: mp3(MEDIA.epilogueAudio),
        controls: STORY_CONTROLS,
        ok: null,
        home: null,
        end: true,
      },
    ],
    actions: [
      { id: 'go-question', name: 'start', kind: 'action', options: ['question'], position: { x: 5, y: 5 } },
      { id: 'choice', name: 'left or right', kind: 'menu.optionsaction', options: ['left', 'right'] },
      { id: 'to-epilogue', name: '', kind: 'story.storyaction', options: ['epilogue'] },
      { id: 'back-to-cover', name: 'home', options: ['0b9c3a4e-1f6d-4c1a-9e55-000000000001'] },
    ],
  };
}
