/**
 * A library story as the chapters a linear box plays (Toniebox, Yoto, TonUINO): the story is
 * linearized (choices become spoken prompts), the prompts and any page with words but no audio
 * are narrated with the story's voice, and each chapter is listed as the audio files it plays
 * in order. Files are written only into `workDir`; the library is read, never changed (the
 * narration cache is not filled either: a pack is an export).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { prepareAudio } from '../../../device-bridge/audio/prepare-audio';
import type { ImageRef } from '../../../device-bridge/pack/story-graph';
import { LinearizeError } from '../../../device-bridge/formats/linearize/linearize-error';
import {
  linearizeStory,
  type ChapterEnding,
  type LinearStory,
} from '../../../device-bridge/formats/linearize/linearize-story';
import type { PromptLanguage } from '../../../device-bridge/formats/linearize/prompt-phrases';
import { synthesize } from '../../../models/speech/voices';
import { TalemoError } from '../errors';
import type { VoiceSettings } from '../narration/narration-store';
import type { Story } from '../story/story';
import type { TalemoCore } from '../talemo-core';

export interface StoryChaptersOptions {
  /** An existing folder for the narrated pieces; the caller removes it. */
  workDir: string;
  signal?: AbortSignal | undefined;
  /** Pieces narrated so far, of those to narrate. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** The espeak-ng and Piper worker the app ships, when not those on PATH / from source. */
  speech?: { espeakPath?: string | undefined; piperWorkerUrl?: URL | undefined } | undefined;
}

export interface BoxChapterPart {
  kind: 'stage' | 'prompt';
  /** The stage played, for a stage part. */
  stageId: string | null;
  text: string;
  file: string;
  /** Where its audio comes from: the story's own, or narrated now for the box. */
  source: 'library' | 'narrated';
}

export interface BoxChapter {
  number: number;
  title: string;
  /** What the box plays, in order. */
  audioFiles: string[];
  parts: BoxChapterPart[];
  ending: ChapterEnding;
  /** The first picture of the chapter's pages, for boxes that show one (Yoto's icons). */
  image: ImageRef | null;
}

export interface BoxChapters {
  storyId: string;
  title: string;
  language: PromptLanguage;
  branching: boolean;
  /** The voice prompts and unnarrated pages were read with; null when nothing was narrated. */
  voice: VoiceSettings | null;
  chapters: BoxChapter[];
  /** What a parent should know: pages left out, prompts in another language than the story. */
  notes: string[];
}

interface Speakable {
  key: string;
  text: string;
  label: string;
}

export async function storyChapters(
  core: TalemoCore,
  storyId: string,
  options: StoryChaptersOptions,
): Promise<BoxChapters> {
  const story = core.library.stories.get(storyId);
  // The same rule as every pack: nothing moderation flagged goes on a box before a parent approves it.
  core.moderation.assertPackable(story);
  const notes: string[] = [];
  const language = promptLanguage(story, notes);
  const linear = linearize(story, language);

  const toNarrate = piecesToNarrate(linear, story, notes);
  const narrated = new Map<string, string>();
  let voice: VoiceSettings | null = null;
  if (toNarrate.length > 0) {
    voice = await core.narration.voiceFor(story);
    const piperModelDirs = await core.shelf.installedFolders('tts');
    for (const [i, piece] of toNarrate.entries()) {
      throwIfCancelled(options.signal);
      const file = join(options.workDir, `narrated-${String(i + 1).padStart(3, '0')}.mp3`);
      await narrate(piece, voice, file, { ...options, piperModelDirs });
      narrated.set(piece.key, file);
      options.onProgress?.(i + 1, toNarrate.length);
    }
  }

  const chapters = linear.chapters.map((chapter): BoxChapter => {
    const parts: BoxChapterPart[] = [];
    for (const part of chapter.parts) {
      if (part.kind === 'prompt') {
        parts.push({
          kind: 'prompt',
          stageId: null,
          text: part.text,
          file: narrated.get(promptKey(part.text))!,
          source: 'narrated',
        });
      } else if (part.audio) {
        parts.push({
          kind: 'stage',
          stageId: part.stageId,
          text: part.text,
          file: libraryAudio(core, story, part.stageId, part.audio.hash),
          source: 'library',
        });
      } else if (narrated.has(stageKey(part.stageId))) {
        parts.push({
          kind: 'stage',
          stageId: part.stageId,
          text: part.text,
          file: narrated.get(stageKey(part.stageId))!,
          source: 'narrated',
        });
      }
    }
    return {
      number: chapter.number,
      title: chapter.title,
      audioFiles: parts.map((part) => part.file),
      parts,
      ending: chapter.ending,
      image: firstImage(story, chapter.parts),
    };
  });
  const playable = linear.branching ? chapters : withoutSilentPages(chapters);
  const silent = playable.find((chapter) => chapter.parts.length === 0);
  if (silent)
    throw new TalemoError(
      'bad-audio',
      `Chapter ${silent.number} ("${silent.title}") of "${story.title}" has no audio and no words to read: narrate the story or write its pages first.`,
    );
  return {
    storyId,
    title: story.title,
    language,
    branching: linear.branching,
    voice,
    chapters: playable,
    notes,
  };
}

/**
 * A story with no choice has no prompt naming a chapter number, so an empty page's chapter can
 * go and the others move up; in a branching story the numbers are spoken, so none may go.
 */
function withoutSilentPages(chapters: BoxChapter[]): BoxChapter[] {
  return chapters
    .filter((chapter) => chapter.parts.length > 0)
    .map((chapter, i) => ({ ...chapter, number: i + 1 }));
}

function promptLanguage(story: Story, notes: string[]): PromptLanguage {
  if (story.language === 'fr' || story.language === 'en') return story.language;
  notes.push(`Prompts are spoken in English: Talemo has no prompts in "${story.language}" yet.`);
  return 'en';
}

function linearize(story: Story, language: PromptLanguage): LinearStory {
  try {
    return linearizeStory(story.graph, { language, title: story.title });
  } catch (error) {
    if (error instanceof LinearizeError)
      throw new TalemoError(
        'invalid-input',
        `"${story.title}" cannot be made into chapters: ${error.message}`,
        {
          nodeId: error.nodeId,
        },
      );
    throw error;
  }
}

const promptKey = (text: string): string => `prompt:${text}`;
const stageKey = (stageId: string): string => `stage:${stageId}`;

/** Prompts, and pages with words but no audio; pages with neither are left out, and said so. */
function piecesToNarrate(linear: LinearStory, story: Story, notes: string[]): Speakable[] {
  const pieces: Speakable[] = linear.promptTexts.map((text) => ({
    key: promptKey(text),
    text,
    label: 'a prompt',
  }));
  const names = new Map(story.graph.stages.map((stage) => [stage.id, stage.name]));
  for (const chapter of linear.chapters)
    for (const part of chapter.parts) {
      if (part.kind !== 'stage' || part.audio) continue;
      const name = names.get(part.stageId) || part.stageId;
      if (part.text.trim() === '') notes.push(`"${name}" has no audio and no words: it is left out.`);
      else pieces.push({ key: stageKey(part.stageId), text: part.text, label: `"${name}"` });
    }
  return pieces;
}

async function narrate(
  piece: Speakable,
  voice: VoiceSettings,
  file: string,
  options: StoryChaptersOptions & { piperModelDirs: string[] },
): Promise<void> {
  const wav = `${file}.wav`;
  try {
    await synthesize(piece.text, voice, wav, {
      signal: options.signal,
      piperModelDirs: options.piperModelDirs,
      ...(options.speech?.espeakPath ? { espeakPath: options.speech.espeakPath } : {}),
      ...(options.speech?.piperWorkerUrl ? { piperWorkerUrl: options.speech.piperWorkerUrl } : {}),
    });
    // Same level as the story's own narration (Lunii MP3 at -14 LUFS), so a prompt is not a shout or a whisper.
    await prepareAudio(wav, file, { target: 'lunii-mp3', signal: options.signal });
  } catch (error) {
    throwIfCancelled(options.signal);
    throw new TalemoError('bad-audio', `Could not narrate ${piece.label}: ${(error as Error).message}`);
  } finally {
    await rm(wav, { force: true });
  }
}

function libraryAudio(core: TalemoCore, story: Story, stageId: string, hash: string): string {
  const path = core.library.assets.path(hash);
  if (!core.library.assets.get(hash) || !existsSync(path)) {
    const name = story.graph.stages.find((stage) => stage.id === stageId)?.name || stageId;
    throw new TalemoError(
      'not-found',
      `The audio of "${name}" in "${story.title}" is missing from the library: narrate or record that page again.`,
      { stageId, hash },
    );
  }
  return path;
}

function firstImage(story: Story, parts: LinearStory['chapters'][number]['parts']): ImageRef | null {
  for (const part of parts) {
    if (part.kind !== 'stage') continue;
    const image = story.graph.stages.find((stage) => stage.id === part.stageId)?.image;
    if (image) return image;
  }
  return null;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TalemoError('cancelled', 'Making the chapters stopped.');
}
