/**
 * The SD card of a TonUINO box (DFPlayer Mini): content folders `01`..`99`, tracks
 * `001.mp3`..`255.mp3` in each; the system folders `mp3/` and `advert/` (voice prompts) are
 * never touched.
 *
 * The DFPlayer finds a track by the number at the start of its name in a folder whose name
 * is exactly two digits (`playFolderTrack(folder, track)`, TNG src/mp3.cpp:252); TonUINO-TNG
 * counts and queues tracks as uint8_t with `maxTracksInFolder = 255`
 * (tonuino/TonUINO-TNG @ 5c4116c, src/constants.hpp:586, src/mp3.hpp:289).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { TONUINO_MAX_FOLDER } from './tonuino-card';
import { ensureSdRoot } from './sd-root';
import { checkTrackSource } from './track-source-check';
import { writeTrackFolder, type CopiedTrack, type TrackFolderOptions } from './staged-track-folder';
import { TransferError } from '../../transfer/transfer-error';

/** `maxTracksInFolder` (TNG src/constants.hpp:586). */
export const TONUINO_MAX_TRACKS = 255;
/** Voice prompts (`mp3/0001_….mp3`) and announcements (`advert/0001.mp3`): left alone. */
export const TONUINO_SYSTEM_FOLDERS = ['mp3', 'advert'] as const;

const FOLDER_NAME = /^\d{2}$/;
/** The DFPlayer reads the first three digits; anything after them is free (`001_title.mp3`). */
const TRACK_NAME = /^(\d{3})(?!\d).*\.(mp3|wav)$/i;
/** Files an operating system leaves behind; they do not make a folder "used". */
const OS_LITTER = /^(\._.*|\.DS_Store|Thumbs\.db|desktop\.ini|\.Trashes|\.Spotlight-V100|\.fseventsd)$/i;

export interface TonuinoFolderInput {
  /** Prepared MP3 files, in play order. */
  tracks: readonly string[];
  /** 1..99; without it the lowest free folder is used. */
  folder?: number;
}

export interface TonuinoWriteOptions extends TrackFolderOptions {
  /** Replace a folder that already holds files (only with `folder` given). */
  replace?: boolean;
}

export interface TonuinoFolderWritten {
  folder: number;
  /** `"07"` */
  folderName: string;
  tracks: CopiedTrack[];
}

export interface TonuinoTrackFile {
  number: number;
  name: string;
  size: number;
}

export interface TonuinoFolderInfo {
  folder: number;
  folderName: string;
  tracks: TonuinoTrackFile[];
  /** Other files: not played, and on some DFPlayer clones counted as tracks. */
  otherFiles: string[];
  /** What may make the box play the wrong thing: gaps, duplicate numbers, stray files. */
  problems: string[];
}

export function tonuinoFolderName(folder: number): string {
  return String(folder).padStart(2, '0');
}

export function tonuinoTrackName(track: number): string {
  return `${String(track).padStart(3, '0')}.mp3`;
}

/** Writes the tracks as `NN/001.mp3…` and returns the folder used: put its number on the card. */
export async function writeTonuinoFolder(
  sdRoot: string,
  input: TonuinoFolderInput,
  options: TonuinoWriteOptions = {},
): Promise<TonuinoFolderWritten> {
  checkTrackCount(input.tracks.length);
  if (input.folder !== undefined) checkFolderNumber(input.folder);
  for (const track of input.tracks) await checkTrackSource(track, ['mp3']);
  await ensureSdRoot(sdRoot);
  const folder = input.folder ?? (await lowestFreeFolder(sdRoot));
  const folderName = tonuinoFolderName(folder);
  if (input.folder !== undefined && !options.replace && !(await folderIsFree(join(sdRoot, folderName)))) {
    throw new TransferError(
      'already-installed',
      `Folder ${folderName} on the card already holds files. Choose another folder, or allow replacing it.`,
    );
  }
  const tracks = input.tracks.map((source, i) => ({ source, name: tonuinoTrackName(i + 1) }));
  const copied = await writeTrackFolder(sdRoot, join(sdRoot, folderName), tracks, options);
  return { folder, folderName, tracks: copied };
}

/** The content folders on the card (`01`..`99`), with their tracks and anything odd in them. */
export async function listTonuinoFolders(sdRoot: string): Promise<TonuinoFolderInfo[]> {
  await ensureSdRoot(sdRoot);
  const entries = await readdir(sdRoot, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && FOLDER_NAME.test(entry.name) && entry.name !== '00')
    .map((entry) => entry.name)
    .sort();
  return Promise.all(folders.map((name) => describeFolder(join(sdRoot, name), name)));
}

async function describeFolder(path: string, folderName: string): Promise<TonuinoFolderInfo> {
  const tracks: TonuinoTrackFile[] = [];
  const otherFiles: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const match = entry.isFile() ? TRACK_NAME.exec(entry.name) : null;
    if (match)
      tracks.push({
        number: Number(match[1]),
        name: entry.name,
        size: (await stat(join(path, entry.name))).size,
      });
    else otherFiles.push(entry.name);
  }
  tracks.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
  return {
    folder: Number(folderName),
    folderName,
    tracks,
    otherFiles: otherFiles.sort(),
    problems: problemsOf(tracks, otherFiles),
  };
}

function problemsOf(tracks: readonly TonuinoTrackFile[], otherFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const numbers = tracks.map((t) => t.number);
  for (let n = 1; n <= Math.max(0, ...numbers); n += 1) {
    const count = numbers.filter((x) => x === n).length;
    if (count === 0)
      problems.push(`track ${String(n).padStart(3, '0')} is missing: the box numbers tracks by count`);
    if (count > 1) problems.push(`${count} files share the number ${String(n).padStart(3, '0')}`);
  }
  if (numbers.includes(0)) problems.push('a file is numbered 000; the DFPlayer starts at 001');
  if (tracks.length > TONUINO_MAX_TRACKS)
    problems.push(`${tracks.length} tracks; TonUINO plays at most ${TONUINO_MAX_TRACKS}`);
  const litter = otherFiles.filter((name) => OS_LITTER.test(name));
  if (litter.length > 0)
    problems.push(`system files (${litter.join(', ')}) that some DFPlayer modules count as tracks`);
  return problems;
}

async function lowestFreeFolder(sdRoot: string): Promise<number> {
  for (let folder = 1; folder <= TONUINO_MAX_FOLDER; folder += 1) {
    if (await folderIsFree(join(sdRoot, tonuinoFolderName(folder)))) return folder;
  }
  throw new TransferError(
    'no-space',
    `All ${TONUINO_MAX_FOLDER} TonUINO folders on the card are used. Remove a story from the card first.`,
  );
}

/** Absent, or holding nothing but operating-system litter. */
async function folderIsFree(path: string): Promise<boolean> {
  try {
    const names = await readdir(path);
    return names.every((name) => OS_LITTER.test(name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'ENOTDIR') return false;
    throw error;
  }
}

function checkTrackCount(count: number): void {
  if (count === 0) throw new TransferError('invalid-request', 'There are no tracks to write.');
  if (count > TONUINO_MAX_TRACKS) {
    throw new TransferError(
      'invalid-request',
      `A TonUINO folder holds at most ${TONUINO_MAX_TRACKS} tracks and this story has ${count}. ` +
        'Split it over several folders (one card each), or join short tracks together.',
    );
  }
}

function checkFolderNumber(folder: number): void {
  if (!Number.isInteger(folder) || folder < 1 || folder > TONUINO_MAX_FOLDER) {
    throw new TransferError(
      'invalid-request',
      `TonUINO folders are numbered 1 to ${TONUINO_MAX_FOLDER}; ${String(folder)} is not one of them.`,
    );
  }
}
