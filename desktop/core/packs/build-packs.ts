/**
 * One story, every box: the STUdio pack for Lunii, and the linear chapters (choices as spoken
 * prompts) as a Tonie file, a Yoto playlist and a TonUINO folder, each in its own folder of
 * `outDir`, with a report of what each box received. Each folder appears whole or not at all;
 * the shared work (narrating prompts, joining chapters) is done once.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { audioFileDurationSeconds } from '../../../device-bridge/audio/audio-duration';
import { TalemoError, isTalemoError } from '../errors';
import type { VoiceSettings } from '../narration/narration-store';
import type { TalemoCore } from '../talemo-core';
import type { BoxChapter, StoryChaptersOptions } from './box-chapters';
import { buildLuniiTarget } from './lunii-pack-target';
import { PackJob, type PackProgress } from './pack-job';
import {
  isPackTarget,
  PACK_TARGETS,
  type BuiltTarget,
  type PackTarget,
  type TargetReport,
} from './pack-targets';
import { writeTargetFolder } from './target-folder';
import { buildToniesTarget } from './tonies-pack-target';
import { buildTonuinoTarget } from './tonuino-pack-target';
import { buildYotoTarget } from './yoto-pack-target';

const BUILDERS: Record<PackTarget, (job: PackJob, dir: string) => Promise<BuiltTarget>> = {
  lunii: buildLuniiTarget,
  tonies: buildToniesTarget,
  yoto: buildYotoTarget,
  tonuino: buildTonuinoTarget,
};

export interface BuildPacksOptions {
  targets: readonly string[];
  outDir: string;
  signal?: AbortSignal | undefined;
  onProgress?: PackProgress | undefined;
  speech?: StoryChaptersOptions['speech'];
}

export interface PackReport {
  storyId: string;
  title: string;
  language: string;
  outDir: string;
  /** The linear chapters the chapter boxes got; null when only Lunii was asked for. */
  chapters: ReportedChapter[] | null;
  branching: boolean;
  voice: VoiceSettings | null;
  targets: TargetReport[];
  notes: string[];
}

export interface ReportedChapter {
  number: number;
  title: string;
  /** What plays, in order: a page (its stage id) or a prompt (its words). */
  plays: ({ stageId: string } | { prompt: string })[];
  ending: BoxChapter['ending'];
}

export async function buildPacks(
  core: TalemoCore,
  storyId: string,
  options: BuildPacksOptions,
): Promise<PackReport> {
  const targets = checkedTargets(options.targets);
  const story = core.library.stories.get(storyId);
  await mkdir(options.outDir, { recursive: true });
  const workDir = await mkdtemp(join(options.outDir, '.talemo-pack-'));
  const job = new PackJob({
    core,
    story,
    workDir,
    signal: options.signal,
    speech: options.speech,
    progress: options.onProgress ?? (() => {}),
  });
  const done: TargetReport[] = [];
  try {
    for (const target of targets) {
      throwIfCancelled(options.signal, done);
      done.push(await buildTarget(job, target, options.outDir, done));
    }
    const made = await job.chaptersIfMade();
    return {
      storyId,
      title: story.title,
      language: story.language,
      outDir: options.outDir,
      chapters: made ? made.chapters.map(reportedChapter) : null,
      branching: made?.branching ?? story.graph.actions.some((action) => action.options.length > 1),
      voice: made?.voice ?? null,
      targets: done,
      notes: made?.notes ?? [],
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function checkedTargets(names: readonly string[]): PackTarget[] {
  const unknown = names.filter((name) => !isPackTarget(name));
  if (unknown.length > 0 || names.length === 0)
    throw new TalemoError(
      'invalid-input',
      `${unknown.length > 0 ? `Unknown box "${unknown[0]}"` : 'No box named'}: choose among ${PACK_TARGETS.join(', ')}.`,
    );
  return [...new Set(names as PackTarget[])];
}

async function buildTarget(
  job: PackJob,
  target: PackTarget,
  outDir: string,
  done: TargetReport[],
): Promise<TargetReport> {
  try {
    const { folder, result } = await writeTargetFolder(outDir, target, (dir) => BUILDERS[target](job, dir));
    const files = [];
    for (const file of result.files) {
      const path = join(folder, file.path);
      files.push({
        path: file.path,
        bytes: (await stat(path)).size,
        durationSec:
          file.durationSec ?? (/\.(mp3|wav)$/i.test(file.path) ? await audioFileDurationSeconds(path) : null),
      });
    }
    return {
      target,
      folder,
      format: result.format,
      files,
      chapters: result.chapters,
      details: result.details,
      notes: result.notes,
    };
  } catch (error) {
    throwIfCancelled(job.signal, done);
    if (isTalemoError(error)) throw error;
    throw new TalemoError(
      'internal',
      `Making the ${target} files failed: ${(error as Error).message}${written(done)}`,
    );
  }
}

function reportedChapter(chapter: BoxChapter): ReportedChapter {
  return {
    number: chapter.number,
    title: chapter.title,
    plays: chapter.parts.map((part) =>
      part.kind === 'prompt' ? { prompt: part.text } : { stageId: part.stageId! },
    ),
    ending: chapter.ending,
  };
}

function written(done: TargetReport[]): string {
  return done.length > 0
    ? ` (${done.map((report) => report.target).join(', ')} already written and complete)`
    : '';
}

function throwIfCancelled(signal: AbortSignal | undefined, done: TargetReport[]): void {
  if (signal?.aborted)
    throw new TalemoError('cancelled', `Packing stopped; nothing half written was kept${written(done)}.`);
}
