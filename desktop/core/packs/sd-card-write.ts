/**
 * A library story onto an SD card taken out of a box (or a folder laid out like one): a
 * Toniebox tag's TAF, a TonUINO numbered folder, or an ESPuino story folder. The audio is the
 * same as `talemo pack` makes (the story's linear version, prompts narrated); the card is
 * written by the device layer, which stages, verifies by read-back, then puts it in place, so a
 * box never sees half a story.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

import { writeEspuinoFolder } from '../../../device-bridge/devices/diy/espuino-sd';
import type { TrackFolderProgress } from '../../../device-bridge/devices/diy/staged-track-folder';
import { writeTonuinoFolder } from '../../../device-bridge/devices/diy/tonuino-sd';
import { TonieSdError } from '../../../device-bridge/devices/tonies/tonie-sd-error';
import { writeTafToSd } from '../../../device-bridge/devices/tonies/tonie-sd-write';
import { TonieUidError } from '../../../device-bridge/devices/tonies/tonie-uid';
import { TransferError } from '../../../device-bridge/transfer/transfer-error';
import { TalemoError, type TalemoErrorCode } from '../errors';
import type { TalemoCore } from '../talemo-core';
import type { StoryChaptersOptions } from './box-chapters';
import { PackJob, type PackProgress } from './pack-job';
import { buildToniesTarget } from './tonies-pack-target';

export const SD_CARD_BOXES = ['tonies', 'tonuino', 'espuino'] as const;
export type SdCardBox = (typeof SD_CARD_BOXES)[number];

export interface SdCardRequest {
  storyId: string;
  box: SdCardBox;
  /** Where the card is mounted. */
  root: string;
  /** Toniebox: the tag's UID (as printed by a reader app, E0:04:…). */
  uid?: string | undefined;
  /** TonUINO: folder 1 to 99; the lowest free one otherwise. */
  folder?: number | undefined;
}

export interface SdCardWritten {
  box: SdCardBox;
  /** Where the story is, as the box knows it. */
  location: string;
  /** The files written, relative to the card, with forward slashes. */
  files: string[];
  replaced: boolean;
  /** What the parent does next. */
  note: string;
}

export interface SdCardOptions {
  signal?: AbortSignal | undefined;
  onProgress?: PackProgress | undefined;
  speech?: StoryChaptersOptions['speech'];
}

export async function writeStoryToSdCard(
  core: TalemoCore,
  request: SdCardRequest,
  options: SdCardOptions = {},
): Promise<SdCardWritten> {
  if (request.box === 'tonies' && !request.uid?.trim())
    throw new TalemoError(
      'invalid-input',
      'Say which Tonie: type the UID of its tag (like E0:04:03:50:0D:0D:3F:47).',
    );
  const story = core.library.stories.get(request.storyId);
  const workDir = await mkdtemp(join(tmpdir(), 'talemo-sd-'));
  try {
    const job = new PackJob({
      core,
      story,
      workDir,
      signal: options.signal,
      speech: options.speech,
      progress: options.onProgress ?? (() => {}),
    });
    return await WRITERS[request.box](job, request);
  } catch (error) {
    throw asTalemoError(error, options.signal);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

type Writer = (job: PackJob, request: SdCardRequest) => Promise<SdCardWritten>;

const WRITERS: Record<SdCardBox, Writer> = {
  tonies: async (job, request) => {
    const built = await buildToniesTarget(job, job.workDir);
    const taf = join(job.workDir, built.files[0]!.path);
    const written = await writeTafToSd(request.root, request.uid ?? '', taf, {
      ...(job.signal ? { signal: job.signal } : {}),
      onProgress: (phase, done, total) =>
        job.progress(phase === 'copy' ? 'copying' : 'verifying', done, total),
    });
    const path = cardPath(request.root, written.path);
    return {
      box: 'tonies',
      location: path,
      files: [path],
      replaced: written.replaced,
      note: 'Eject the card, put it back in the Toniebox, and place the Tonie on it.',
    };
  },
  tonuino: async (job, request) => {
    const mp3s = await job.chapterMp3s();
    const written = await writeTonuinoFolder(
      request.root,
      { tracks: mp3s.map((mp3) => mp3.path), ...(request.folder ? { folder: request.folder } : {}) },
      { ...(job.signal ? { signal: job.signal } : {}), onProgress: copying(job) },
    );
    return {
      box: 'tonuino',
      location: written.folderName,
      files: written.tracks.map((track) => `${written.folderName}/${track.name}`),
      replaced: false,
      note: `Link a card to folder ${written.folder} in album mode; track N is chapter N.`,
    };
  },
  espuino: async (job, request) => {
    const mp3s = await job.chapterMp3s();
    const { chapters } = await job.chapters();
    const written = await writeEspuinoFolder(
      request.root,
      {
        name: job.story.title,
        tracks: mp3s.map((mp3, i) => ({ source: mp3.path, title: chapters[i]?.title ?? '' })),
        parent: '/Talemo',
      },
      { ...(job.signal ? { signal: job.signal } : {}), onProgress: copying(job) },
    );
    return {
      box: 'espuino',
      location: written.sdPath,
      files: written.tracks.map((track) => `${written.sdPath.replace(/^\//, '')}/${track.name}`),
      replaced: false,
      note: `Assign a tag to ${written.sdPath} in ESPuino's web page (play mode: all tracks of a folder).`,
    };
  },
};

function copying(job: PackJob): (progress: TrackFolderProgress) => void {
  return (progress) => job.progress('copying', progress.bytesDone, progress.bytesTotal);
}

function cardPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Device errors carry words a parent can act on; their codes become the app's own. */
function asTalemoError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof TalemoError) return error;
  if (signal?.aborted)
    return new TalemoError('cancelled', 'Writing to the SD card stopped; the card was left as it was.');
  if (error instanceof TonieUidError) return new TalemoError('invalid-input', error.message);
  if (error instanceof TransferError || error instanceof TonieSdError)
    return new TalemoError(DEVICE_CODES[error.code] ?? 'invalid-input', error.message);
  return error;
}

const DEVICE_CODES: Record<string, TalemoErrorCode> = {
  'no-space': 'no-space',
  'read-only': 'read-only',
  unplugged: 'unplugged',
  'verify-failed': 'verify-failed',
  cancelled: 'cancelled',
  'not-found': 'not-found',
  'not-a-toniebox-card': 'unsupported-device',
  'already-installed': 'conflict',
  'bad-taf': 'invalid-input',
  'invalid-request': 'invalid-input',
};
