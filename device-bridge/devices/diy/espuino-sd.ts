/**
 * The SD card of an ESPuino box: free-form folders, one per story here, tracks named so
 * that every sort order ESPuino offers plays them in order. A tag is then assigned to the
 * folder's SD path (espuino-tag.ts).
 *
 * Facts (biologist79/ESPuino @ 5f7b341):
 * - Playable extensions: src/SdCard.cpp:150-158 (`fileValid`); names starting with "." are
 *   skipped (src/SdCard.cpp:382).
 * - Folder play modes sort the file names, by default case-insensitive natural order, or
 *   plain strcmp (src/AudioPlayer.cpp:1677-1697, src/AudioPlayer.h:8): zero-padded numbers
 *   sort the same under both.
 * - "#" and "^" delimit the tag assignment strings (src/Common.h:3-4) and the web UI refuses
 *   them in paths (html/management.html:908); the path buffer is 255 bytes with its NUL
 *   (src/RfidCommon.cpp:25,53).
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { fatSafeName } from './fat-file-name';
import { writeTrackFolder, type CopiedTrack, type TrackFolderOptions } from './staged-track-folder';
import { ensureSdRoot } from './sd-root';
import { checkTrackSource } from './track-source-check';
import { TransferError } from '../../transfer/transfer-error';

export const ESPUINO_AUDIO_EXTENSIONS = ['mp3', 'aac', 'm4a', 'wav', 'flac', 'ogg', 'oga', 'opus'] as const;
/** Longest SD path a tag can point to (255-byte buffer with its NUL, src/RfidCommon.cpp:25). */
export const ESPUINO_MAX_PATH_BYTES = 254;
const DELIMITERS = '#^';
const FOLDER_NAME_BYTES = 100;
const TITLE_BYTES = 80;

export interface EspuinoTrackInput {
  source: string;
  /** Shown in the file name after the number; optional. */
  title?: string;
}

export interface EspuinoFolderInput {
  /** The story's name; becomes the folder name (made safe for FAT and ESPuino). */
  name: string;
  /** Prepared audio files, in play order. */
  tracks: readonly (string | EspuinoTrackInput)[];
  /** SD folder to put the story folder in, such as "/Talemo"; default the card's root. */
  parent?: string;
}

export interface EspuinoWriteOptions extends TrackFolderOptions {
  /** Replace a story folder of the same name that already holds files. */
  replace?: boolean;
}

export interface EspuinoFolderWritten {
  /** The path ESPuino knows the folder by ("/Talemo/The Fox"): assign a tag to it. */
  sdPath: string;
  /** The same folder on this computer. */
  folder: string;
  tracks: CopiedTrack[];
}

export async function writeEspuinoFolder(
  sdRoot: string,
  input: EspuinoFolderInput,
  options: EspuinoWriteOptions = {},
): Promise<EspuinoFolderWritten> {
  if (input.tracks.length === 0) throw new TransferError('invalid-request', 'There are no tracks to write.');
  const parentSegments = parseParent(input.parent ?? '/');
  const name = fatSafeName(input.name, { extraForbidden: DELIMITERS, maxBytes: FOLDER_NAME_BYTES });
  if (name === '' || name.startsWith('.')) {
    throw new TransferError(
      'invalid-request',
      `"${input.name}" cannot be used as a folder name; give the story a name.`,
    );
  }
  const sdPath = `/${[...parentSegments, name].join('/')}`;
  if (new TextEncoder().encode(sdPath).length > ESPUINO_MAX_PATH_BYTES) {
    throw new TransferError(
      'invalid-request',
      `The SD path ${sdPath} is too long for ESPuino (at most 254 bytes).`,
    );
  }
  const tracks = await namedTracks(input.tracks);
  await ensureSdRoot(sdRoot);
  const parent = join(sdRoot, ...parentSegments);
  const folder = join(parent, name);
  if (!options.replace && !(await isEmptyOrAbsent(folder))) {
    throw new TransferError(
      'already-installed',
      `The card already has a folder ${sdPath} with files in it. Rename the story, or allow replacing it.`,
    );
  }
  await mkdir(parent, { recursive: true });
  const copied = await writeTrackFolder(sdRoot, folder, tracks, options);
  return { sdPath, folder, tracks: copied };
}

/** `001 - Title.mp3`; the number is padded so that plain and natural sorting agree. */
export function espuinoTrackName(position: number, total: number, ext: string, title?: string): string {
  const number = String(position).padStart(Math.max(3, String(total).length), '0');
  const safeTitle = title ? fatSafeName(title, { extraForbidden: DELIMITERS, maxBytes: TITLE_BYTES }) : '';
  return safeTitle ? `${number} - ${safeTitle}.${ext}` : `${number}.${ext}`;
}

async function namedTracks(
  inputs: EspuinoFolderInput['tracks'],
): Promise<{ source: string; name: string }[]> {
  const named = [];
  for (const [i, input] of inputs.entries()) {
    const track = typeof input === 'string' ? { source: input } : input;
    const ext = await checkTrackSource(track.source, ESPUINO_AUDIO_EXTENSIONS);
    named.push({ source: track.source, name: espuinoTrackName(i + 1, inputs.length, ext, track.title) });
  }
  return named;
}

function parseParent(parent: string): string[] {
  const segments = parent.split('/').filter((s) => s !== '');
  for (const segment of segments) {
    if (
      segment === '.' ||
      segment === '..' ||
      fatSafeName(segment, { extraForbidden: DELIMITERS }) !== segment
    ) {
      throw new TransferError(
        'invalid-request',
        `The SD folder "${parent}" has a part ("${segment}") a FAT card or ESPuino cannot use.`,
      );
    }
  }
  return segments;
}

async function isEmptyOrAbsent(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}
