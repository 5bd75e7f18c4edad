/**
 * Sending a library story to Yoto. Yoto has no offline path, so the story is made into the same
 * playlist `talemo pack` writes for Yoto (yoto-pack-target.ts) and put in a queue folder inside
 * the library, where it waits, across restarts, until it can go.
 *
 * Uploading needs a Yoto sign-in (an OAuth client registered with Yoto) that the app does not
 * have yet, so nothing processes the queue today: the jobs wait, visible, and say why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  YotoUploadQueue,
  type YotoJobStateName,
  type YotoJobSummary,
} from '../../../device-bridge/devices/yoto/yoto-upload-queue';
import { TalemoError } from '../errors';
import type { TalemoCore } from '../talemo-core';
import type { StoryChaptersOptions } from './box-chapters';
import { PackJob, type PackProgress } from './pack-job';
import { yotoPlaylistForJob } from './yoto-pack-target';
import { YOTO_QUEUE_FOLDER } from './yoto-resume';

export const WAITING_FOR_SIGN_IN =
  'Waiting for a Yoto sign-in: Talemo cannot sign in to Yoto yet, so this playlist stays here, ready, until it can.';

/** A job as the app shows it. */
export interface YotoQueuedJob {
  id: string;
  title: string;
  state: YotoJobStateName;
  filesDone: number;
  filesTotal: number;
  /** What is happening or what went wrong, in words for a parent. */
  message: string;
  /** Why it waits or failed, as a code (a YotoErrorCode, or 'damaged'), for the app to word. */
  reason?: string;
  /** ISO time it was queued; absent for a job whose saved state is damaged. */
  queuedAt?: string;
}

export interface QueueStoryOptions {
  signal?: AbortSignal | undefined;
  onProgress?: PackProgress | undefined;
  speech?: StoryChaptersOptions['speech'];
}

const queues = new WeakMap<TalemoCore, YotoUploadQueue>();

/**
 * The queue of the library's Yoto uploads. One object per core: the job being sent is known
 * (uploading, transcoding…) to the object sending it only, and removing it must stop it.
 */
export function yotoQueue(core: TalemoCore): YotoUploadQueue {
  let queue = queues.get(core);
  if (!queue) {
    queue = new YotoUploadQueue(join(core.library.dir, YOTO_QUEUE_FOLDER));
    queues.set(core, queue);
  }
  return queue;
}

/** Builds the story's Yoto playlist and queues it; resolves to the job as `listYotoJobs` shows it. */
export async function queueStoryForYoto(
  core: TalemoCore,
  storyId: string,
  options: QueueStoryOptions = {},
): Promise<YotoQueuedJob> {
  const story = core.library.stories.get(storyId);
  // The MP3s are made in a scratch folder: the queue keeps its own copy of every file.
  const workDir = await mkdtemp(join(tmpdir(), 'talemo-yoto-'));
  try {
    const job = new PackJob({
      core,
      story,
      workDir,
      signal: options.signal,
      speech: options.speech,
      progress: options.onProgress ?? (() => {}),
    });
    const { playlist, audio } = await yotoPlaylistForJob(job);
    throwIfCancelled(options.signal);
    const files = Object.fromEntries(audio.map((track) => [track.name, track.path]));
    const queue = yotoQueue(core);
    const id = await queue.enqueue(playlist, files);
    const queued = (await listYotoJobs(core)).find((entry) => entry.id === id);
    if (!queued)
      throw new TalemoError('internal', `The Yoto upload ${id} was queued but cannot be read back.`);
    return queued;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Every queued Yoto upload, oldest first. */
export async function listYotoJobs(core: TalemoCore): Promise<YotoQueuedJob[]> {
  return (await yotoQueue(core).list()).map(queuedJob);
}

/** Takes a job out of the queue (its files too); false when there was no such job. */
export async function removeYotoJob(core: TalemoCore, id: string): Promise<boolean> {
  const queue = yotoQueue(core);
  if (!(await queue.list()).some((job) => job.id === id)) return false;
  await queue.remove(id);
  return true;
}

function queuedJob(summary: YotoJobSummary): YotoQueuedJob {
  return {
    id: summary.id,
    title: summary.title,
    state: summary.state,
    filesDone: summary.filesDone,
    filesTotal: summary.filesTotal,
    message: summary.message ?? yotoStateMessage(summary.state),
    ...(summary.reason ? { reason: summary.reason } : {}),
    ...(summary.createdAt ? { queuedAt: summary.createdAt } : {}),
  };
}

export function yotoStateMessage(state: YotoJobStateName): string {
  switch (state) {
    case 'waiting':
      return WAITING_FOR_SIGN_IN;
    case 'uploading':
      return 'Sending the audio to Yoto.';
    case 'transcoding':
      return 'Yoto is preparing the audio for its players.';
    case 'saving':
      return 'Saving the playlist in your Yoto account.';
    case 'done':
      return 'In your Yoto account: link it to a card in the Yoto app.';
    case 'failed':
      return 'The upload failed.';
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TalemoError('cancelled', 'Sending to Yoto stopped; nothing was queued.');
}
