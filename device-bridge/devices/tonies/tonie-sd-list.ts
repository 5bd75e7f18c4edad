/**
 * What a Toniebox SD card holds: for each `CONTENT/<8hex>/<8hex>` file, the tag it plays for
 * and what `inspectTaf` reads in it. The box's own sounds (`CONTENT/00000000`, `00000001`,
 * research/devices.md §2.1) are not Tonies and are left out. Copies left by a write that was
 * cut off (`*.talemo-new`) are reported, since they take room on the card.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { TEDDYCLOUD_AUDIO_ID_DEDUCT } from '../../formats/taf/taf-encode';
import { TafFormatError } from '../../formats/taf/taf-errors';
import { inspectTaf } from '../../formats/taf/taf-inspect';
import { findContentFolder } from './tonie-card';
import { TONIE_NEW_FILE_SUFFIX } from './tonie-sd-write';
import { uidFromSdNames } from './tonie-uid';

const SYSTEM_SOUND_FOLDERS = new Set(['00000000', '00000001']);

export interface TonieContent {
  /** The tag's UID, 16 uppercase hex digits (E0…). */
  uid: string;
  /** Relative to the card's root, with the card's own spelling: `CONTENT/473F0D0D/500304E0`. */
  path: string;
  bytes: number;
  /** Null when the file is not a TAF. */
  audioId: number | null;
  /** Audio ids below 0x50000000 are custom content by teddycloud's convention (devices.md §2.5). */
  custom: boolean | null;
  /** Where each chapter starts, seconds (null for a mark that names no page). */
  chapterStartsSeconds: (number | null)[];
  durationSeconds: number | null;
  /** What inspectTaf found wrong; empty for a sound file. */
  problems: string[];
}

export interface TonieCardListing {
  contents: TonieContent[];
  /** Unverified copies from writes that were cut off, relative to the card's root. */
  interruptedWrites: string[];
}

export async function listTonieContent(sdRoot: string): Promise<TonieCardListing> {
  const content = await findContentFolder(sdRoot);
  const contentName = basename(content);
  const contents: TonieContent[] = [];
  const interruptedWrites: string[] = [];
  for (const folder of (await readdir(content, { withFileTypes: true })).sort(byName)) {
    if (!folder.isDirectory() || SYSTEM_SOUND_FOLDERS.has(folder.name)) continue;
    for (const file of (await readdir(join(content, folder.name), { withFileTypes: true })).sort(byName)) {
      if (!file.isFile()) continue;
      const relative = `${contentName}/${folder.name}/${file.name}`;
      if (file.name.endsWith(TONIE_NEW_FILE_SUFFIX)) interruptedWrites.push(relative);
      const uid = uidFromSdNames(folder.name, file.name);
      if (uid !== null) contents.push(await describe(join(content, folder.name, file.name), uid, relative));
    }
  }
  return { contents, interruptedWrites };
}

async function describe(path: string, uid: string, relative: string): Promise<TonieContent> {
  try {
    const report = await inspectTaf(path);
    return {
      uid,
      path: relative,
      bytes: report.fileBytes,
      audioId: report.audioId,
      custom: report.audioId < TEDDYCLOUD_AUDIO_ID_DEDUCT,
      chapterStartsSeconds: report.chapters.map((chapter) => chapter.startSeconds),
      durationSeconds: report.durationSeconds,
      problems: report.problems,
    };
  } catch (error) {
    if (!(error instanceof TafFormatError)) throw error;
    return {
      uid,
      path: relative,
      bytes: (await stat(path)).size,
      audioId: null,
      custom: null,
      chapterStartsSeconds: [],
      durationSeconds: null,
      problems: [`not a Tonie audio file: ${error.message}`],
    };
  }
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
