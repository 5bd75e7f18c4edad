/**
 * Downloads one catalogue entry into `<modelsDir>/<id>/`, safely enough for a parent's laptop
 * on a flaky connection:
 *
 * - each file streams into `<path>.part`, hashed (SHA-256) as it arrives, and is renamed into
 *   place only once every byte matches the catalogue; the manifest is written last, so a
 *   folder is "installed" only when complete;
 * - an interrupted or cancelled download keeps its `.part`, and the next call resumes it with
 *   an HTTP Range request (re-hashing the prefix already on disk);
 * - network errors and 5xx are retried with exponential backoff; 404, a checksum mismatch and
 *   a full disk are not, because retrying cannot fix them.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

import { formatBytes } from './byte-size-text';
import { downloadSizeBytes, type CatalogueEntry, type ModelFile } from './catalogue';
import { statfsFreeSpace, type FreeSpaceProbe } from './free-disk-space';
import { httpGet, RedirectError } from './http-get';
import { ModelDownloadError } from './model-download-error';
import { modelFilePath, modelFolder } from './model-folder';
import {
  readModelManifest,
  removeModelManifest,
  writeModelManifest,
  type ModelManifest,
} from './model-manifest';
import { throttleProgress, type Clock, type ProgressThrottle } from './progress-throttle';
import { backoffDelayMs, DEFAULT_BACKOFF, realSleep, type BackoffPolicy, type Sleep } from './retry-backoff';

export interface DownloadProgress {
  modelId: string;
  /** The file being downloaded now (1-based `index` of `count`). */
  file: { path: string; index: number; count: number; doneBytes: number; totalBytes: number | null };
  /** The whole model; `totalBytes` is null only for an unverified entry without sizes. */
  doneBytes: number;
  totalBytes: number | null;
}

export interface DownloadModelOptions {
  modelsDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** At most one progress report per interval, plus one at each file's start and end. Default 250 ms. */
  progressIntervalMs?: number;
  /** Install an entry the catalogue marks `"verified": false`, recording the hashes computed. */
  allowUnverified?: boolean;
  backoff?: Partial<BackoffPolicy>;
  sleep?: Sleep;
  now?: Clock;
  freeSpace?: FreeSpaceProbe;
  /** Socket idle time before a stalled connection counts as a network error. Default 60 s. */
  idleTimeoutMs?: number;
}

/** Room kept free beyond the download itself: the manifest, file-system overhead, other writers. */
export const FREE_SPACE_MARGIN_BYTES = 64 * 1024 * 1024;

const USER_AGENT = 'Talemo model downloader';

/** A failure worth another attempt (network, 5xx); anything else stops the download at once. */
class RetryableFailure extends Error {
  constructor(readonly failure: ModelDownloadError) {
    super(failure.message, { cause: failure });
  }
}

interface PartState {
  hash: Hash;
  bytes: number;
}

interface FileJob {
  file: ModelFile;
  index: number;
  finalPath: string;
  partPath: string;
}

interface Context {
  entry: CatalogueEntry;
  options: DownloadModelOptions;
  policy: BackoffPolicy;
  sleep: Sleep;
  progress: ProgressThrottle<DownloadProgress>;
  totalBytes: number | null;
  /** Bytes of the files already finished, for overall progress. */
  doneBefore: number;
}

// The hash state of the last try of each file, kept so the next try can reuse it.
const attemptState = new WeakMap<FileJob, PartState>();

async function sizeOnDisk(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function hashFilePrefix(path: string, bytes: number): Promise<Hash> {
  const hash = createHash('sha256');
  if (bytes === 0) return hash;
  for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) {
    hash.update(chunk as Buffer);
  }
  return hash;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function cancelled(entry: CatalogueEntry): ModelDownloadError {
  return new ModelDownloadError(
    'cancelled',
    `The download of "${entry.name}" was cancelled. What was already downloaded is kept, so next time it continues where it stopped.`,
  );
}

function diskFull(entry: CatalogueEntry, cause: unknown): ModelDownloadError {
  return new ModelDownloadError(
    'disk-full',
    `The disk filled up while downloading "${entry.name}". Free some space, then try again: the download continues where it stopped.`,
    { cause },
  );
}

function checksumMismatch(entry: CatalogueEntry, file: ModelFile, detail: string): ModelDownloadError {
  return new ModelDownloadError(
    'checksum',
    `The download of "${entry.name}" is damaged or is not the expected file (${file.path}: ${detail}). ` +
      'The broken copy was deleted; try again, and if it happens again the app needs an update.',
  );
}

/** Turns whatever an attempt threw into the error to report, marking the ones worth retrying. */
function classify(error: unknown, ctx: Context): ModelDownloadError | RetryableFailure {
  if (error instanceof ModelDownloadError || error instanceof RetryableFailure) return error;
  if (ctx.options.signal?.aborted) return cancelled(ctx.entry);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return diskFull(ctx.entry, error);
  if (error instanceof RedirectError) {
    return new ModelDownloadError('http', `Could not download "${ctx.entry.name}": ${error.message}.`, {
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new RetryableFailure(
    new ModelDownloadError(
      'network',
      `The download of "${ctx.entry.name}" was interrupted (${reason}). Check the internet connection and try again: it continues where it stopped.`,
      { cause: error },
    ),
  );
}

function report(ctx: Context, job: FileJob, doneInFile: number, flush: boolean): void {
  const value: DownloadProgress = {
    modelId: ctx.entry.id,
    file: {
      path: job.file.path,
      index: job.index + 1,
      count: ctx.entry.files.length,
      doneBytes: doneInFile,
      totalBytes: job.file.sizeBytes,
    },
    doneBytes: ctx.doneBefore + doneInFile,
    totalBytes: ctx.totalBytes,
  };
  if (flush) ctx.progress.flush(value);
  else ctx.progress.report(value);
}

/** Checks the finished `.part` and moves it into place; returns its SHA-256. */
async function finishFile(ctx: Context, job: FileJob, state: PartState): Promise<string> {
  const digest = state.hash.copy().digest('hex');
  const expectedSize = job.file.sizeBytes;
  if (
    (expectedSize !== null && state.bytes !== expectedSize) ||
    (job.file.sha256 !== null && digest !== job.file.sha256)
  ) {
    await rm(job.partPath, { force: true });
    throw checksumMismatch(ctx.entry, job.file, 'checksum does not match the catalogue');
  }
  await rename(job.partPath, job.finalPath);
  return digest;
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/**
 * One try at one file: resume from the `.part` on disk, stream the rest, verify, rename.
 * `state` carries the running hash between tries so a resume need not re-read the prefix.
 */
async function attemptFile(
  ctx: Context,
  job: FileJob,
  carried: PartState | undefined,
): Promise<{ sha256: string }> {
  const { entry, options } = ctx;
  const expectedSize = job.file.sizeBytes;
  let start = (await sizeOnDisk(job.partPath)) ?? 0;
  if (expectedSize !== null && start > expectedSize) {
    await rm(job.partPath, { force: true });
    start = 0;
  }
  let state: PartState =
    carried && carried.bytes === start
      ? carried
      : { hash: await hashFilePrefix(job.partPath, start), bytes: start };
  attemptState.set(job, state);
  if (expectedSize !== null && start === expectedSize) {
    return { sha256: await finishFile(ctx, job, state) };
  }

  const headers: Record<string, string> = { 'user-agent': USER_AGENT, 'accept-encoding': 'identity' };
  if (start > 0) headers.range = `bytes=${start}-`;
  const { response, url } = await httpGet(job.file.url, {
    headers,
    signal: options.signal,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
  });
  try {
    const status = response.statusCode ?? 0;
    if (status === 404 || status === 410) {
      throw new ModelDownloadError(
        'not-found',
        `"${entry.name}" is no longer at its download address (${hostOf(url)} answered ${status} for ${job.file.path}). An app update may list a new address.`,
      );
    }
    if (status === 416) {
      // The server will not resume from our offset: the .part is unusable, start over.
      await rm(job.partPath, { force: true });
      throw new RetryableFailure(
        new ModelDownloadError('http', `The server would not resume "${entry.name}" (${job.file.path}).`),
      );
    }
    if (status === 408 || status === 429 || status >= 500) {
      throw new RetryableFailure(
        new ModelDownloadError(
          'http',
          `The download server for "${entry.name}" is having trouble (${hostOf(url)} answered ${status}). Try again later: it continues where it stopped.`,
        ),
      );
    }
    if (status !== 200 && status !== 206) {
      throw new ModelDownloadError(
        'http',
        `The download server refused "${entry.name}" (${hostOf(url)} answered ${status} for ${job.file.path}).`,
      );
    }

    let append = false;
    if (status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers['content-range'] ?? '');
      if (!range || Number(range[1]) !== start) {
        // A range we did not ask for cannot be appended; drop the .part rather than guess.
        await rm(job.partPath, { force: true });
        throw new RetryableFailure(
          new ModelDownloadError(
            'network',
            `The server sent the wrong part of "${entry.name}" (${job.file.path}).`,
          ),
        );
      }
      if (expectedSize !== null && range[3] !== '*' && Number(range[3]) !== expectedSize) {
        await rm(job.partPath, { force: true });
        throw checksumMismatch(
          entry,
          job.file,
          `the server has ${range[3]} bytes, the catalogue says ${expectedSize}`,
        );
      }
      append = true;
    } else {
      // 200: the whole file. If we asked for a range, the server ignored it: start over.
      const length = response.headers['content-length'];
      if (expectedSize !== null && length !== undefined && Number(length) !== expectedSize) {
        await rm(job.partPath, { force: true });
        throw checksumMismatch(
          entry,
          job.file,
          `the server has ${length} bytes, the catalogue says ${expectedSize}`,
        );
      }
      if (start > 0) {
        state = { hash: createHash('sha256'), bytes: 0 };
        attemptState.set(job, state);
      }
    }

    const handle = await open(job.partPath, append ? 'a' : 'w');
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        if (expectedSize !== null && state.bytes + chunk.length > expectedSize) {
          await handle.close();
          await rm(job.partPath, { force: true });
          throw checksumMismatch(
            entry,
            job.file,
            `the server sent more than the ${expectedSize} bytes expected`,
          );
        }
        await writeAll(handle, chunk);
        // Hashed only once written, so the running hash always matches the bytes on disk.
        state.hash.update(chunk);
        state.bytes += chunk.length;
        report(ctx, job, state.bytes, false);
      }
      await handle.sync();
    } finally {
      await handle.close().catch(() => undefined);
    }
  } finally {
    if (!response.complete) response.destroy();
  }

  if (expectedSize !== null && state.bytes < expectedSize) {
    throw new RetryableFailure(
      new ModelDownloadError(
        'network',
        `The connection closed before "${entry.name}" finished. Check the internet connection and try again: it continues where it stopped.`,
      ),
    );
  }
  return { sha256: await finishFile(ctx, job, state) };
}

async function downloadFile(ctx: Context, job: FileJob): Promise<{ sha256: string; sizeBytes: number }> {
  await mkdir(dirname(job.finalPath), { recursive: true });
  let failuresWithoutProgress = 0;
  let tries = 0;
  for (;;) {
    if (ctx.options.signal?.aborted) throw cancelled(ctx.entry);
    const before = (await sizeOnDisk(job.partPath)) ?? 0;
    report(ctx, job, before, true);
    tries++;
    try {
      const { sha256 } = await attemptFile(ctx, job, attemptState.get(job));
      const sizeBytes = (await stat(job.finalPath)).size;
      report(ctx, job, sizeBytes, true);
      return { sha256, sizeBytes };
    } catch (error) {
      const outcome = classify(error, ctx);
      if (outcome instanceof ModelDownloadError) throw outcome;
      const after = (await sizeOnDisk(job.partPath)) ?? 0;
      // A connection that keeps dropping but keeps making headway is not given up on.
      failuresWithoutProgress = after > before ? 1 : failuresWithoutProgress + 1;
      if (failuresWithoutProgress > ctx.policy.retries) {
        const last = outcome.failure;
        throw new ModelDownloadError(last.code, `${last.message} (gave up after ${tries} tries)`, {
          cause: last.cause,
        });
      }
      try {
        await ctx.sleep(backoffDelayMs(ctx.policy, failuresWithoutProgress), ctx.options.signal);
      } catch {
        throw cancelled(ctx.entry);
      }
    }
  }
}

function manifestMatches(manifest: ModelManifest, entry: CatalogueEntry): boolean {
  return (
    manifest.id === entry.id &&
    manifest.source.revision === entry.source.revision &&
    manifest.files.length === entry.files.length &&
    entry.files.every((file) =>
      manifest.files.some(
        (installed) =>
          installed.path === file.path &&
          (file.sha256 === null || installed.sha256 === file.sha256) &&
          (file.sizeBytes === null || installed.sizeBytes === file.sizeBytes),
      ),
    )
  );
}

/**
 * Downloads `entry` into `<modelsDir>/<id>/` and returns its manifest. Calling it again
 * resumes an unfinished download, or returns at once if the model is already installed.
 * Throws a `ModelDownloadError` whose message a parent can act on.
 */
export async function downloadModel(
  entry: CatalogueEntry,
  options: DownloadModelOptions,
): Promise<ModelManifest> {
  if (!entry.verified && !options.allowUnverified) {
    throw new ModelDownloadError(
      'unverified',
      `"${entry.name}" (${entry.id}) has no published checksum, so Talemo cannot check that the download is genuine. It was not installed.`,
    );
  }
  if (options.signal?.aborted) throw cancelled(entry);

  const folder = modelFolder(options.modelsDir, entry.id);
  const jobs: FileJob[] = entry.files.map((file, index) => {
    const finalPath = modelFilePath(folder, file.path);
    return { file, index, finalPath, partPath: `${finalPath}.part` };
  });
  await mkdir(folder, { recursive: true });

  const existing = await readModelManifest(folder);
  if (existing && manifestMatches(existing, entry)) {
    const sizes = await Promise.all(jobs.map((job) => sizeOnDisk(job.finalPath)));
    if (
      sizes.every(
        (size, i) =>
          size !== null && size === existing.files.find((f) => f.path === jobs[i]?.file.path)?.sizeBytes,
      )
    ) {
      return existing;
    }
  }
  // The folder must not claim to be complete while its files are being replaced.
  if (existing) await removeModelManifest(folder);

  // A file already in place is kept only with evidence that it is the one the catalogue wants:
  // the old manifest recorded the same hash, or hashing it now gives that hash. It may be left
  // by an older catalogue revision, or by a download cut short before its manifest was written.
  const inPlace = await Promise.all(
    jobs.map(async (job) => {
      const size = await sizeOnDisk(job.finalPath);
      if (size === null) return false;
      const { sha256, sizeBytes } = job.file;
      const vouched = existing?.files.some(
        (f) => f.path === job.file.path && f.sha256 === sha256 && f.sizeBytes === sizeBytes,
      );
      const matches =
        (sizeBytes === null || size === sizeBytes) &&
        (sha256 === null || vouched || (await hashFilePrefix(job.finalPath, size)).digest('hex') === sha256);
      if (!matches) await rm(job.finalPath, { force: true });
      return matches;
    }),
  );
  let needed = 0;
  for (const [i, job] of jobs.entries()) {
    if (inPlace[i] || job.file.sizeBytes === null) continue;
    const part = (await sizeOnDisk(job.partPath)) ?? 0;
    needed += Math.max(0, job.file.sizeBytes - part);
  }
  if (needed > 0) {
    const free = await (options.freeSpace ?? statfsFreeSpace)(options.modelsDir);
    if (free < needed + FREE_SPACE_MARGIN_BYTES) {
      throw new ModelDownloadError(
        'disk-full',
        `There is not enough free disk space to download "${entry.name}": it needs ${formatBytes(needed + FREE_SPACE_MARGIN_BYTES)} ` +
          `and only ${formatBytes(free)} is free. Free some space (or remove a model you no longer use), then try again.`,
      );
    }
  }

  const ctx: Context = {
    entry,
    options,
    policy: { ...DEFAULT_BACKOFF, ...options.backoff },
    sleep: options.sleep ?? realSleep,
    progress: throttleProgress(
      options.onProgress,
      options.progressIntervalMs ?? 250,
      options.now ?? Date.now,
    ),
    totalBytes: downloadSizeBytes(entry),
    doneBefore: 0,
  };

  const installed: ModelManifest['files'] = [];
  for (const [i, job] of jobs.entries()) {
    if (inPlace[i]) {
      const sizeBytes = (await stat(job.finalPath)).size;
      const sha256 = job.file.sha256 ?? (await hashFilePrefix(job.finalPath, sizeBytes)).digest('hex');
      installed.push({ path: job.file.path, sizeBytes, sha256 });
      ctx.doneBefore += sizeBytes;
      report(ctx, job, sizeBytes, true);
      continue;
    }
    const { sha256, sizeBytes } = await downloadFile(ctx, job);
    installed.push({ path: job.file.path, sizeBytes, sha256 });
    ctx.doneBefore += sizeBytes;
  }

  const manifest: ModelManifest = {
    format: 1,
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    source: entry.source,
    verified: entry.verified,
    installedAt: new Date((options.now ?? Date.now)()).toISOString(),
    files: installed,
  };
  await writeModelManifest(folder, manifest);
  return manifest;
}
