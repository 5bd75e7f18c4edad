/** A library story as chapters for the boxes that skip: real library, real espeak-ng narration. */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { audioFileDurationSeconds } from '../../../device-bridge/audio/audio-duration';
import { inspectMp3, mp3ConformsToLunii } from '../../../device-bridge/audio/encode/mp3-frames';
import { encodeWavMono16 } from '../../../device-bridge/audio/wav-encode';
import { graphFromOutline, type OutlineStage } from '../../../device-bridge/pack/story-outline';
import type { AudioRef } from '../../../device-bridge/pack/story-graph';
import { TalemoCore } from '../talemo-core';
import { storyChapters } from './box-chapters';

function tone(hz: number): Uint8Array {
  const rate = 22_050;
  return encodeWavMono16(
    Float32Array.from({ length: rate / 4 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate)),
    rate,
  );
}

describe('storyChapters', { timeout: 60_000 }, () => {
  let core: TalemoCore;
  const sound = async (hz: number): Promise<AudioRef> => ({
    hash: (await core.library.assets.putBytes(tone(hz), 'audio/wav')).hash,
    mime: 'audio/wav',
  });
  const stage = (
    id: string,
    kind: OutlineStage['kind'],
    next: string[],
    audio: AudioRef | null,
    text = `${id}.`,
  ): OutlineStage => ({ id, name: id, kind, text, next, ...(audio ? { audio } : {}) });

  beforeAll(async () => {
    core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-box-chapters-')));
  }, 60_000);
  afterAll(() => core.close());

  it('should give a linear story a chapter per page from its own audio, leaving out an empty page', async () => {
    const story = core.create({
      title: 'Three pages',
      language: 'en',
      graph: graphFromOutline(
        [
          stage('cover', 'cover', ['p1'], await sound(330)),
          stage('p1', 'story', ['p2'], await sound(392)),
          stage('p2', 'story', ['p3'], null, ''),
          stage('p3', 'story', [], await sound(440)),
        ],
        (s) => `after-${s.id}`,
      ),
    });
    const workDir = mkdtempSync(join(tmpdir(), 'talemo-box-work-'));
    const made = await storyChapters(core, story.id, { workDir });
    expect(made.chapters.map((c) => [c.number, c.parts.map((p) => p.stageId)])).toEqual([
      [1, ['cover', 'p1']],
      [2, ['p3']],
    ]);
    expect(made.voice).toBeNull();
    expect(made.notes).toEqual(['"p2" has no audio and no words: it is left out.']);
    for (const file of made.chapters.flatMap((c) => c.audioFiles)) expect(existsSync(file)).toBe(true);
    expect(readdirSync(workDir)).toEqual([]);
    expect(core.library.stories.get(story.id).version).toBe(1);
  });

  it('should narrate French prompts, and pages that have only words, with the story’s voice as Lunii-grade MP3', async () => {
    const story = core.create({
      title: 'Deux chemins',
      language: 'fr',
      graph: graphFromOutline(
        [
          stage('cover', 'cover', ['question'], await sound(330)),
          stage('question', 'menu.questionstage', ['foret', 'mer'], await sound(392)),
          { ...stage('foret', 'menu.optionstage', [], await sound(440)), name: 'La forêt' },
          { ...stage('mer', 'menu.optionstage', [], null, 'La mer brillait.'), name: 'La mer' },
        ],
        (s) => `after-${s.id}`,
      ),
    });
    const workDir = mkdtempSync(join(tmpdir(), 'talemo-box-work-'));
    const progress: number[] = [];
    const made = await storyChapters(core, story.id, { workDir, onProgress: (done) => progress.push(done) });
    expect(made.voice?.voiceId).toMatch(/^espeak:fr/);
    const prompt = made.chapters[0]!.parts.at(-1)!;
    expect(prompt.text).toBe(
      'Pour choisir La forêt, passe au chapitre 2. Pour choisir La mer, passe au chapitre 3.',
    );
    // Two prompts (the choice, "Fin.") and the sea page, which has words but no audio.
    expect(progress).toEqual([1, 2, 3]);
    const narrated = made.chapters.flatMap((c) => c.parts).filter((p) => p.source === 'narrated');
    expect(narrated.map((p) => p.stageId)).toEqual([null, null, 'mer', null]);
    for (const part of narrated) {
      expect(mp3ConformsToLunii(await inspectMp3(part.file))).toEqual({ ok: true, reasons: [] });
      expect(await audioFileDurationSeconds(part.file)).toBeGreaterThan(0.3);
    }
    expect(core.library.stories.get(story.id).graph.stages.find((s) => s.id === 'mer')!.audio).toBeNull();
  });

  it('should stop when cancelled, before narrating anything', async () => {
    const story = core.create({
      title: 'Stopped',
      language: 'en',
      graph: graphFromOutline(
        [
          stage('cover', 'cover', ['a', 'b'], null, 'Pick.'),
          stage('a', 'menu.optionstage', [], null),
          stage('b', 'menu.optionstage', [], null),
        ],
        (s) => `after-${s.id}`,
      ),
    });
    const workDir = mkdtempSync(join(tmpdir(), 'talemo-box-work-'));
    const controller = new AbortController();
    controller.abort();
    await expect(storyChapters(core, story.id, { workDir, signal: controller.signal })).rejects.toMatchObject(
      {
        code: 'cancelled',
      },
    );
    expect(readdirSync(workDir)).toEqual([]);
  });
});
