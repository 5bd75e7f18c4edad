/**
 * Playlists waiting to go to Yoto. Yoto has no offline path (shared/research/devices.md §3), so
 * the app prepares everything offline and this queue sends it when the internet is back.
 *
 * Storage: a folder, one sub-folder per job holding `job.json` and the files to send
 * (yoto-job-file.ts). No database. A job appears whole or not at all: it is assembled in a
 * hidden `.incoming-*` folder, flushed, then renamed into place.
 *
 * `process()` works through waiting jobs in the order they were added. Per job: upload every
 * audio file (Yoto is asked first by SHA-256, so a file it already has is not sent again), wait
 * for every transcode, upload icons and cover, then create (or update) the playlist. Each
 * confirmed step is saved, so a job cut off by a crash, a cancel or a lost connection resumes
 * after its last confirmed step. When Yoto cannot be reached the job stays waiting and the
 * queue tries again with growing delays; a refused sign-in or a refused request fails the job
 * with a message for the parent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';

import { fsyncDirectory } from '../../transfer/durable-file.js';
import type { YotoClient } from './yoto-client.js';
import { sleepUnlessCancelled } from './yoto-client.js';
import { JobFileError, readJob, writeJob, type YotoJob, type YotoJobAudio } from './yoto-job-file.js';
import { yotoContentBody, type YotoPlaylist } from './yoto-playlist.js';
import { YotoError } from './yoto-error.js';

export type YotoJobStateName = 'waiting' | 'uploading' | 'transcoding' | 'saving' | 'done' | 'failed';

export interface YotoJobSummary {
  id: string;
  title: string;
  createdAt: string;
  state: YotoJobStateName;
  /** Files Yoto has (audio uploaded or already known, icons, cover) out of `filesTotal`. */
  filesDone: number;
  filesTotal: number;
  /** For failed: what went wrong and what to do. For waiting: why the last try did not finish. */
  message?: string;
  /** Why, as a code: a YotoErrorCode, or 'damaged' for a job file that cannot be read. */
  reason?: string;
  /** The failure is fixed by signing in to Yoto again (then `retry(id)`). */
  needsSignIn?: boolean;
  /** The Yoto playlist, once created. */
  cardId?: string;
}

export interface YotoQueueProgress extends YotoJobSummary {
  /** Audio bytes sent so far in this job, out of `bytesTotal`. */
  bytesSent: number;
  bytesTotal: number;
}

export interface RetryPolicy {
  /** Delay after the first failed try; doubles each time. Default 2 s. */
  firstDelayMs?: number;
  /** Default 5 minutes. */
  maxDelayMs?: number;
  /** Give up for this call (jobs stay waiting) after this many failed tries in a row. Default: never. */
  maxRetries?: number;
}

export interface ProcessOptions {
  client: YotoClient;
  signal?: AbortSignal;
  onProgress?: (progress: YotoQueueProgress) => void;
  /** Told before each wait, so the app can say "offline, trying again in 8 s". */
  onRetry?: (info: { delayMs: number; error: YotoError }) => void;
  retry?: RetryPolicy;
}

/** Audio types Yoto transcodes, by extension; the PUT must carry the right one (uploading-to-cards step 2). */
const AUDIO_TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
};

const JOB_ID = /^[0-9a-z]+-[0-9a-f]{8}$/;
const INCOMING_PREFIX = '.incoming-';

export class YotoUploadQueue {
  private running = false;
  /** The live phase of the job being processed by this object (the file only says waiting). */
  private live: { id: string; state: YotoJobStateName; controller: AbortController } | undefined;

  constructor(readonly folder: string) {}

  /**
   * Adds a playlist. `files` maps every audio name the playlist uses to its bytes or to a file
   * path; the queue keeps its own copy, so the originals may be moved or deleted afterwards.
   * `cardId` updates that existing Yoto playlist instead of creating one.
   */
  async enqueue(
    playlist: YotoPlaylist,
    files: Record<string, Uint8Array | string>,
    options: { cardId?: string } = {},
  ): Promise<string> {
    const names = [
      ...new Set(playlist.chapters.flatMap((chapter) => chapter.tracks.map((track) => track.audioFile))),
    ];
    for (const name of names) {
      if (!(name in files))
        throw new YotoError(
          'invalid-input',
          `The audio "${name}" is missing: it was not handed to the Yoto upload.`,
        );
      if (!AUDIO_TYPES[extname(name).toLowerCase()]) {
        throw new YotoError(
          'invalid-input',
          `"${name}" is not an audio type Talemo sends to Yoto (${Object.keys(AUDIO_TYPES).join(', ')}).`,
        );
      }
    }
    await mkdir(this.folder, { recursive: true });
    const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const incoming = join(this.folder, `${INCOMING_PREFIX}${id}`);
    await mkdir(incoming);
    try {
      const job = await this.assemble(id, incoming, playlist, names, files, options.cardId);
      await writeJob(incoming, job);
      await fsyncDirectory(incoming);
      await rename(incoming, join(this.folder, id));
      await fsyncDirectory(this.folder);
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      throw error;
    }
    return id;
  }

  /** Every job, oldest first. A job whose file is damaged is listed as failed, not hidden. */
  async list(): Promise<YotoJobSummary[]> {
    const entries = await this.jobFolders();
    const summaries: YotoJobSummary[] = [];
    for (const id of entries) {
      try {
        summaries.push(this.summary(await readJob(join(this.folder, id))));
      } catch (error) {
        if (isMissing(error)) continue; // removed while we listed
        summaries.push({
          id,
          title: id,
          createdAt: '',
          state: 'failed',
          filesDone: 0,
          filesTotal: 0,
          message: `This upload's saved state is damaged (${error instanceof JobFileError ? error.message : String(error)}); remove it and send the story again.`,
          reason: 'damaged',
        });
      }
    }
    return summaries;
  }

  /** Deletes a job and its files; a job being sent right now is stopped first. */
  async remove(id: string): Promise<void> {
    checkId(id);
    if (this.live?.id === id) this.live.controller.abort();
    const folder = join(this.folder, id);
    const trash = join(this.folder, `.removed-${id}-${randomBytes(2).toString('hex')}`);
    try {
      // Rename first: the job vanishes at once and atomically, even if deleting its files fails half way.
      await rename(folder, trash);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await fsyncDirectory(this.folder);
    await rm(trash, { recursive: true, force: true });
  }

  /** Puts a failed job back to waiting (after the parent signed in again, for example). */
  async retry(id: string): Promise<void> {
    checkId(id);
    const folder = join(this.folder, id);
    const job = await readJob(folder);
    if (job.status !== 'failed') return;
    job.status = 'waiting';
    delete job.message;
    delete job.reason;
    delete job.needsSignIn;
    await writeJob(folder, job);
  }

  /**
   * Sends every waiting job. Resolves with the final list when no job is waiting, or when
   * `retry.maxRetries` tries in a row could not reach Yoto. Rejects with a `cancelled`
   * YotoError when `signal` aborts; the jobs keep what they had done.
   */
  async process(options: ProcessOptions): Promise<YotoJobSummary[]> {
    if (this.running)
      throw new YotoError('invalid-input', 'The Yoto upload queue is already being processed.');
    this.running = true;
    try {
      let failedTries = 0;
      for (;;) {
        const waiting = await this.waitingJobs();
        if (waiting.length === 0) return await this.list();
        const offline = await this.runJobs(waiting, options);
        if (!offline) {
          failedTries = 0;
          continue;
        }
        failedTries += 1;
        if (failedTries > (options.retry?.maxRetries ?? Infinity)) return await this.list();
        const delayMs = backoff(failedTries, options.retry);
        options.onRetry?.({ delayMs, error: offline });
        await sleepUnlessCancelled(delayMs, options.signal);
      }
    } finally {
      this.running = false;
      this.live = undefined;
    }
  }

  /** Runs jobs in order; returns the error if Yoto could not be reached (no point trying the rest). */
  private async runJobs(jobs: YotoJob[], options: ProcessOptions): Promise<YotoError | undefined> {
    for (const job of jobs) {
      const controller = new AbortController();
      this.live = { id: job.id, state: 'uploading', controller };
      const signal = options.signal
        ? AbortSignal.any([options.signal, controller.signal])
        : controller.signal;
      try {
        await new JobRun(this, job, { ...options, signal }).run();
      } catch (error) {
        if (controller.signal.aborted && !options.signal?.aborted) continue; // removed while running
        if (isMissing(error)) continue; // removed between two steps
        if (options.signal?.aborted)
          throw new YotoError('cancelled', 'The Yoto upload was cancelled.', { cause: error });
        const yotoError = asYotoError(error);
        if (yotoError.retryable) {
          await this.saveIfPresent(job, { message: yotoError.message, reason: yotoError.code });
          this.report(job, options, 'waiting');
          return yotoError;
        }
        await this.saveIfPresent(job, {
          status: 'failed',
          message: yotoError.message,
          reason: yotoError.code,
          ...(yotoError.code === 'sign-in' ? { needsSignIn: true } : {}),
        });
        this.report(job, options, 'failed');
      } finally {
        this.live = undefined;
      }
    }
    return undefined;
  }

  /** @internal Used by JobRun to save a step and tell the app. */
  async save(job: YotoJob): Promise<void> {
    await writeJob(join(this.folder, job.id), job);
  }

  /** @internal */
  setPhase(job: YotoJob, options: ProcessOptions, state: YotoJobStateName, bytesSent = 0): void {
    if (this.live?.id === job.id) this.live.state = state;
    this.report(job, options, state, bytesSent);
  }

  /** @internal */
  fileIn(job: YotoJob, file: string): string {
    return join(this.folder, job.id, file);
  }

  private report(job: YotoJob, options: ProcessOptions, state: YotoJobStateName, bytesSent = 0): void {
    const sentBefore = job.audio
      .filter((audio) => audio.putDone || audio.transcoded)
      .reduce((total, audio) => total + audio.size, 0);
    options.onProgress?.({
      ...this.summary(job),
      state,
      bytesSent: Math.min(sentBefore + bytesSent, totalBytes(job)),
      bytesTotal: totalBytes(job),
    });
  }

  private async saveIfPresent(job: YotoJob, changes: Partial<YotoJob>): Promise<void> {
    Object.assign(job, changes);
    try {
      await this.save(job);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  private summary(job: YotoJob): YotoJobSummary {
    const live = this.live?.id === job.id ? this.live.state : undefined;
    const done =
      job.audio.filter((a) => a.putDone || a.transcoded).length +
      job.icons.filter((i) => i.mediaId).length +
      (job.cover?.mediaUrl ? 1 : 0);
    return {
      id: job.id,
      title: job.playlist.title,
      createdAt: job.createdAt,
      state: job.status === 'waiting' ? (live ?? 'waiting') : job.status,
      filesDone: done,
      filesTotal: job.audio.length + job.icons.length + (job.cover ? 1 : 0),
      ...(job.message ? { message: job.message } : {}),
      ...(job.reason ? { reason: job.reason } : {}),
      ...(job.needsSignIn ? { needsSignIn: true } : {}),
      ...(job.cardId ? { cardId: job.cardId } : {}),
    };
  }

  private async waitingJobs(): Promise<YotoJob[]> {
    const jobs: YotoJob[] = [];
    for (const id of await this.jobFolders()) {
      try {
        const job = await readJob(join(this.folder, id));
        if (job.status === 'waiting') jobs.push(job);
      } catch {
        // Damaged or removed: list() reports it; nothing to send.
      }
    }
    return jobs;
  }

  /** Job folders sorted by id, which starts with the creation time: oldest first. */
  private async jobFolders(): Promise<string[]> {
    try {
      const entries = await readdir(this.folder, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isDirectory() && JOB_ID.test(entry.name))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  private async assemble(
    id: string,
    incoming: string,
    playlist: YotoPlaylist,
    names: string[],
    files: Record<string, Uint8Array | string>,
    cardId: string | undefined,
  ): Promise<YotoJob> {
    const audio: YotoJobAudio[] = [];
    for (const [index, name] of names.entries()) {
      const file = `audio-${index + 1}${extname(name).toLowerCase()}`;
      const { sha256, size } = await storeFile(files[name] as Uint8Array | string, join(incoming, file));
      if (size === 0) throw new YotoError('invalid-input', `The audio "${name}" is empty.`);
      audio.push({
        name,
        file,
        sha256,
        size,
        contentType: AUDIO_TYPES[extname(name).toLowerCase()] ?? 'audio/mpeg',
      });
    }
    const icons = [];
    for (const [index, icon] of playlist.icons.entries()) {
      const file = `icon-${index + 1}.png`;
      await storeFile(icon.png, join(incoming, file));
      icons.push({ id: icon.id, file });
    }
    let cover: YotoJob['cover'];
    if (playlist.cover) {
      const file = `cover${playlist.cover.contentType === 'image/png' ? '.png' : '.jpg'}`;
      await storeFile(playlist.cover.bytes, join(incoming, file));
      cover = { file, contentType: playlist.cover.contentType };
    }
    const now = new Date().toISOString();
    return {
      version: 1,
      id,
      createdAt: now,
      updatedAt: now,
      playlist: {
        title: playlist.title,
        ...(playlist.description ? { description: playlist.description } : {}),
        ...(playlist.languages ? { languages: playlist.languages } : {}),
        chapters: playlist.chapters,
      },
      audio,
      icons,
      ...(cover ? { cover } : {}),
      ...(cardId ? { cardId } : {}),
      status: 'waiting',
    };
  }
}

/** One pass over one job; every step Yoto confirms is saved before the next. */
class JobRun {
  constructor(
    private readonly queue: YotoUploadQueue,
    private readonly job: YotoJob,
    private readonly options: ProcessOptions,
  ) {}

  async run(): Promise<void> {
    const { client, signal } = this.options;
    for (const audio of this.job.audio) await this.upload(audio);
    for (const audio of this.job.audio) await this.transcode(audio);
    for (const icon of this.job.icons) {
      if (icon.mediaId) continue;
      this.queue.setPhase(this.job, this.options, 'uploading');
      const png = await readFile(this.queue.fileIn(this.job, icon.file));
      icon.mediaId = await client.uploadIcon(png, `talemo-${icon.id.slice(0, 16)}`, {
        ...(signal ? { signal } : {}),
      });
      await this.queue.save(this.job);
    }
    const cover = this.job.cover;
    if (cover && !cover.mediaUrl) {
      const bytes = await readFile(this.queue.fileIn(this.job, cover.file));
      cover.mediaUrl = await client.uploadCover(bytes, cover.contentType, { ...(signal ? { signal } : {}) });
      await this.queue.save(this.job);
    }
    this.queue.setPhase(this.job, this.options, 'saving');
    const body = yotoContentBody(this.playlist(), this.media(), this.job.cardId);
    const card = await client.createOrUpdateContent(body, { ...(signal ? { signal } : {}) });
    this.job.cardId = card.cardId;
    this.job.status = 'done';
    delete this.job.message;
    delete this.job.reason;
    await this.queue.save(this.job);
    this.queue.setPhase(this.job, this.options, 'done');
  }

  private async upload(audio: YotoJobAudio): Promise<void> {
    if (audio.transcoded || audio.putDone) return;
    const { client, signal } = this.options;
    // Same bytes under two names: the first one's upload serves both.
    const twin = this.job.audio.find(
      (other) => other !== audio && other.sha256 === audio.sha256 && other.putDone,
    );
    if (twin?.uploadId) {
      Object.assign(audio, { uploadId: twin.uploadId, putDone: true });
      await this.queue.save(this.job);
      return;
    }
    this.queue.setPhase(this.job, this.options, 'uploading');
    const slot = await client.requestUploadUrl(audio.sha256, audio.name, { ...(signal ? { signal } : {}) });
    if (slot.uploadUrl) {
      const bytes = await readFile(this.queue.fileIn(this.job, audio.file));
      if (createHash('sha256').update(bytes).digest('hex') !== audio.sha256) {
        throw new YotoError(
          'invalid-input',
          `The queued copy of "${audio.name}" has changed on disk; remove this upload and send the story again.`,
        );
      }
      await client.putAudio(slot.uploadUrl, bytes, audio.contentType, {
        ...(signal ? { signal } : {}),
        onBytes: (sent) => this.queue.setPhase(this.job, this.options, 'uploading', sent),
      });
    }
    audio.uploadId = slot.uploadId;
    audio.putDone = true;
    await this.queue.save(this.job);
  }

  private async transcode(audio: YotoJobAudio): Promise<void> {
    if (audio.transcoded) return;
    const { client, signal } = this.options;
    const twin = this.job.audio.find(
      (other) => other !== audio && other.sha256 === audio.sha256 && other.transcoded,
    );
    if (twin?.transcoded) {
      audio.transcoded = twin.transcoded;
      await this.queue.save(this.job);
      return;
    }
    this.queue.setPhase(this.job, this.options, 'transcoding');
    try {
      audio.transcoded = await client.waitForTranscode(audio.uploadId ?? '', {
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // Why: an upload id can expire (a job resumed days later). Asking again by SHA-256 is
      // safe: Yoto answers "already have it" when the bytes did arrive.
      if (error instanceof YotoError && error.status === 404) {
        delete audio.uploadId;
        delete audio.putDone;
        await this.queue.save(this.job);
        await this.upload(audio);
        audio.transcoded = await client.waitForTranscode(audio.uploadId ?? '', {
          ...(signal ? { signal } : {}),
        });
      } else {
        throw error;
      }
    }
    await this.queue.save(this.job);
  }

  private playlist(): YotoPlaylist {
    return { ...this.job.playlist, icons: [] };
  }

  private media(): Parameters<typeof yotoContentBody>[1] {
    const byName = new Map(this.job.audio.map((audio) => [audio.name, audio.transcoded]));
    const icons = new Map(this.job.icons.map((icon) => [icon.id, icon.mediaId]));
    return {
      audio: (name) => byName.get(name),
      iconMediaId: (id) => icons.get(id),
      ...(this.job.cover?.mediaUrl ? { coverUrl: this.job.cover.mediaUrl } : {}),
    };
  }
}

/** Copies bytes or a file into the job folder, flushed, and returns its SHA-256. */
async function storeFile(
  source: Uint8Array | string,
  target: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(target, 'wx');
  try {
    if (typeof source === 'string') {
      // Streamed: story audio can be tens of megabytes.
      for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        await handle.write(chunk);
      }
    } else {
      hash.update(source);
      size = source.length;
      await handle.writeFile(source);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size };
}

function backoff(failedTries: number, policy: RetryPolicy | undefined): number {
  const first = policy?.firstDelayMs ?? 2000;
  const max = policy?.maxDelayMs ?? 5 * 60_000;
  const delay = Math.min(max, first * 2 ** (failedTries - 1));
  // Jitter, so many apps coming back online together do not knock on Yoto in step.
  return Math.round(delay * (0.75 + Math.random() * 0.25));
}

function totalBytes(job: YotoJob): number {
  return job.audio.reduce((total, audio) => total + audio.size, 0);
}

function checkId(id: string): void {
  if (!JOB_ID.test(id)) throw new YotoError('invalid-input', `"${id}" is not a Yoto upload job id.`);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function asYotoError(error: unknown): YotoError {
  if (error instanceof YotoError) return error;
  return new YotoError(
    'invalid-input',
    `The Yoto upload stopped: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}
