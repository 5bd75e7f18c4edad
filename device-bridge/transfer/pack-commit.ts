/**
 * The last steps of a pack install, shared by the install itself, its resume and box repair:
 * check a copied folder against the list of files and hashes taken while copying, move it to
 * its real name, and list it in `.pi`. Each step can be run again after a crash and ends in
 * the same place.
 */
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { contentDir, packDir, TEMP_FOLDER_PREFIX } from '../devices/lunii-layout';
import { packFolderName } from '../devices/pack-index';
import { readPackIndex } from '../devices/pack-index-file';
import { checkFile, fsyncDirectory } from './durable-file';
import { faultPoint } from './fault-point';
import { writePackIndex } from './pack-index-writer';
import type { ManifestFile } from './transfer-journal';

export function tempPackDir(root: string, uuid: string): string {
  return join(contentDir(root, false), `${TEMP_FOLDER_PREFIX}${packFolderName(uuid)}`);
}

/** Where a folder goes while it is deleted, so a half-deleted pack is never mistaken for one. */
export function doomedPackDir(root: string, uuid: string, hidden: boolean): string {
  return join(contentDir(root, hidden), `${TEMP_FOLDER_PREFIX}del-${packFolderName(uuid)}`);
}

/** True when `dir` holds exactly the manifest's files with the manifest's bytes. */
export async function matchesManifest(
  dir: string,
  files: readonly ManifestFile[],
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    const onDisk = await listFiles(dir, '');
    if (onDisk.length !== files.length) return false;
    const expected = new Set(files.map((file) => file.path));
    if (!onDisk.every((path) => expected.has(path))) return false;
    for (const file of files) {
      const actual = await checkFile(join(dir, ...file.path.split('/')), signal);
      if (actual.size !== file.size || actual.digest !== file.digest) return false;
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

/**
 * Renames the verified temp folder to `.content/<FOLDER>`. A folder already there that no
 * index lists (a lost copy) is moved aside first and deleted after.
 */
export async function moveIntoPlace(root: string, uuid: string): Promise<void> {
  const content = contentDir(root, false);
  const target = packDir(root, uuid, false);
  const aside = join(content, `${TEMP_FOLDER_PREFIX}old-${packFolderName(uuid)}`);
  const hadStray = await exists(target);
  if (hadStray) {
    await rm(aside, { recursive: true, force: true });
    await rename(target, aside);
  }
  await rename(tempPackDir(root, uuid), target);
  await fsyncDirectory(content);
  faultPoint('pack-renamed');
  if (hadStray) await rm(aside, { recursive: true, force: true });
}

/** Appends `uuid` to the visible pack list unless it is there already. */
export async function listPack(root: string, uuid: string): Promise<void> {
  const current = await readPackIndex(root, false);
  if (!current.includes(uuid)) await writePackIndex(root, false, [...current, uuid]);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
