/**
 * Finding things on a Toniebox SD card by name. FAT ignores case, but the computer may not
 * show the box's names as the box wrote them (Linux's vfat `shortname=lower` shows
 * `content`), and a card copied to a folder for backup lives on a case-sensitive disk; so
 * names are matched without regard to case and the name found is the one used.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { isFolder, TonieSdError } from './tonie-sd-error';

export const CONTENT_FOLDER = 'CONTENT';

/** The card's `CONTENT` folder, or a clear error when `sdRoot` is not a Toniebox card. */
export async function findContentFolder(sdRoot: string): Promise<string> {
  if (!(await isFolder(sdRoot)))
    throw new TonieSdError(
      'not-found',
      `There is no folder at ${sdRoot}: is the SD card inserted and mounted?`,
    );
  const name = await findEntry(sdRoot, CONTENT_FOLDER);
  if (name === null || !(await isFolder(join(sdRoot, name))))
    throw new TonieSdError(
      'not-a-toniebox-card',
      `${sdRoot} does not look like a Toniebox SD card: it has no ${CONTENT_FOLDER} folder. ` +
        'Give the folder where the card is mounted (the one holding CONTENT).',
    );
  return join(sdRoot, name);
}

/** The name of the entry of `dir` that matches `name` ignoring case; null when none (or no `dir`). */
export async function findEntry(dir: string, name: string): Promise<string | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (names.includes(name)) return name;
  const wanted = name.toUpperCase();
  return names.find((candidate) => candidate.toUpperCase() === wanted) ?? null;
}
