/**
 * The work shared by the boxes of one `pack` run, each piece done once and only if a box
 * needs it: the story's chapters (narrating prompts), one WAV per chapter (Tonie files take
 * those), one MP3 per chapter (TonUINO and Yoto take those).
 */
import { join } from 'node:path';

import { prepareAudio } from '../../../device-bridge/audio/prepare-audio';
import type { Story } from '../story/story';
import type { TalemoCore } from '../talemo-core';
import { storyChapters, type BoxChapters, type StoryChaptersOptions } from './box-chapters';
import { joinAudioFiles, type JoinedAudio } from './chapter-audio-join';

export type PackProgress = (phase: string, done: number, total: number) => void;

export interface ChapterAudio {
  path: string;
  durationSeconds: number;
}

export class PackJob {
  readonly core: TalemoCore;
  readonly story: Story;
  readonly workDir: string;
  readonly signal: AbortSignal | undefined;
  readonly progress: PackProgress;
  readonly #speech: StoryChaptersOptions['speech'];
  #chapters: Promise<BoxChapters> | null = null;
  #wavs: Promise<JoinedAudio[]> | null = null;
  #mp3s: Promise<ChapterAudio[]> | null = null;

  constructor(input: {
    core: TalemoCore;
    story: Story;
    workDir: string;
    signal?: AbortSignal | undefined;
    progress: PackProgress;
    speech?: StoryChaptersOptions['speech'];
  }) {
    this.core = input.core;
    this.story = input.story;
    this.workDir = input.workDir;
    this.signal = input.signal;
    this.progress = input.progress;
    this.#speech = input.speech;
  }

  /** The linear version of the story, prompts narrated; null until a box needed it. */
  chaptersIfMade(): Promise<BoxChapters> | null {
    return this.#chapters;
  }

  chapters(): Promise<BoxChapters> {
    this.#chapters ??= storyChapters(this.core, this.story.id, {
      workDir: this.workDir,
      signal: this.signal,
      speech: this.#speech,
      onProgress: (done, total) => this.progress('narrating prompts', done, total),
    });
    return this.#chapters;
  }

  /** Each chapter as one WAV file, in chapter order. */
  chapterWavs(): Promise<JoinedAudio[]> {
    this.#wavs ??= (async () => {
      const { chapters } = await this.chapters();
      const joined: JoinedAudio[] = [];
      for (const chapter of chapters) {
        const file = join(this.workDir, `chapter-${String(chapter.number).padStart(3, '0')}.wav`);
        joined.push(await joinAudioFiles(chapter.audioFiles, file, this.signal));
        this.progress('joining chapters', joined.length, chapters.length);
      }
      return joined;
    })();
    return this.#wavs;
  }

  /** Each chapter as one Lunii-grade MP3 (mono 44.1 kHz, -14 LUFS), which TonUINO and Yoto both play. */
  chapterMp3s(): Promise<ChapterAudio[]> {
    this.#mp3s ??= (async () => {
      const wavs = await this.chapterWavs();
      const mp3s: ChapterAudio[] = [];
      for (const wav of wavs) {
        const path = wav.path.replace(/\.wav$/, '.mp3');
        const prepared = await prepareAudio(wav.path, path, { target: 'lunii-mp3', signal: this.signal });
        mp3s.push({ path, durationSeconds: prepared.durationSeconds });
        this.progress('encoding chapters', mp3s.length, wavs.length);
      }
      return mp3s;
    })();
    return this.#mp3s;
  }
}
