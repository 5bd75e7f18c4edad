/**
 * What is in the models folder: complete models (a valid manifest), unfinished downloads
 * that can be resumed (files or `.part` files but no manifest), and removal of either.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

import {
  findModel,
  MANIFEST_FILE_NAME,
  type Catalogue,
  type CatalogueEntry,
  downloadSizeBytes,
} from './catalogue';
import { modelFolder } from './model-folder';
import { readModelManifest, removeModelManifest, type ModelManifest } from './model-manifest';

export interface InstalledModel {
  id: string;
  folder: string;
  manifest: ModelManifest;
  /** Bytes of every file in the folder (the space removing it frees). */
  sizeOnDiskBytes: number;
  /** Null when the model is no longer in the catalogue (an older app version installed it). */
  entry: CatalogueEntry | null;
}

export interface ResumableDownload {
  id: string;
  folder: string;
  /** Unfinished files, by their catalogue path (without `.part`), and the bytes they hold. */
  partFiles: { path: string; bytes: number }[];
  /** Bytes already on disk, finished files included. */
  downloadedBytes: number;
  /** What the finished model weighs, when the catalogue still lists it with sizes. */
  totalBytes: number | null;
  entry: CatalogueEntry | null;
}

interface FolderFile {
  path: string;
  bytes: number;
}

/** Regular files under `folder`, by "/"-separated relative path; symbolic links are not followed. */
async function filesIn(folder: string): Promise<FolderFile[]> {
  const files: FolderFile[] = [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.push({ path: relative(folder, full).split(sep).join('/'), bytes: (await lstat(full)).size });
  }
  return files;
}

async function modelFolders(modelsDir: string): Promise<string[]> {
  try {
    const entries = await readdir(modelsDir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Complete models in `modelsDir`, with their size on disk and catalogue entry. */
export async function listInstalledModels(
  modelsDir: string,
  catalogue: Catalogue,
): Promise<InstalledModel[]> {
  const installed: InstalledModel[] = [];
  for (const name of await modelFolders(modelsDir)) {
    const folder = join(modelsDir, name);
    const manifest = await readModelManifest(folder);
    if (!manifest || manifest.id !== name) continue;
    const files = await filesIn(folder);
    installed.push({
      id: name,
      folder,
      manifest,
      sizeOnDiskBytes: files.reduce((sum, file) => sum + file.bytes, 0),
      entry: findModel(catalogue, name) ?? null,
    });
  }
  return installed;
}

/** Unfinished downloads: model folders holding files but no manifest. `downloadModel` resumes them. */
export async function listResumableDownloads(
  modelsDir: string,
  catalogue: Catalogue,
): Promise<ResumableDownload[]> {
  const resumable: ResumableDownload[] = [];
  for (const name of await modelFolders(modelsDir)) {
    const folder = join(modelsDir, name);
    if (await readModelManifest(folder)) continue;
    const files = (await filesIn(folder)).filter((file) => file.path !== MANIFEST_FILE_NAME);
    if (files.length === 0) continue;
    const entry = findModel(catalogue, name) ?? null;
    resumable.push({
      id: name,
      folder,
      partFiles: files
        .filter((file) => file.path.endsWith('.part'))
        .map((file) => ({ path: file.path.slice(0, -'.part'.length), bytes: file.bytes })),
      downloadedBytes: files.reduce((sum, file) => sum + file.bytes, 0),
      totalBytes: entry ? downloadSizeBytes(entry) : null,
      entry,
    });
  }
  return resumable;
}

/**
 * Deletes model `id` (installed or unfinished) from `modelsDir`. Returns false if there was
 * nothing to delete. Throws a `ModelFolderError` for an id that would reach outside modelsDir.
 */
export async function removeModel(modelsDir: string, id: string): Promise<boolean> {
  const folder = modelFolder(modelsDir, id);
  let stats;
  try {
    stats = await lstat(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (stats.isSymbolicLink() || !stats.isDirectory()) {
    // Only the link itself goes: whatever it points to is not ours to delete.
    await rm(folder);
    return true;
  }
  // The manifest goes first, so a removal cut short never leaves a folder that looks installed.
  await removeModelManifest(folder);
  await rm(folder, { recursive: true });
  return true;
}
