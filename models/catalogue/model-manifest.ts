/**
 * `talemo-model.json`, written last into a model folder: its presence is what makes the folder
 * a complete, usable model. It records which bytes were installed and whether they were
 * checked against the catalogue, so "installed" never depends on guessing from file names.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

import { MANIFEST_FILE_NAME, MODEL_KINDS } from './catalogue';

export const MANIFEST_FORMAT = 1;

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(MODEL_KINDS),
  source: z.object({ repository: z.string(), revision: z.string() }),
  /** False when installed with `allowUnverified`: the hashes below were computed, not checked. */
  verified: z.boolean(),
  installedAt: z.string().min(1),
  files: z
    .array(
      z.object({
        path: z.string().min(1),
        sizeBytes: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1),
});

export type ModelManifest = z.infer<typeof manifestSchema>;

/** The manifest in `folder`, or null when there is none or it is unreadable (an unfinished install). */
export async function readModelManifest(folder: string): Promise<ModelManifest | null> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE_NAME), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the manifest through a temporary file and a rename, so a crash never leaves half a manifest. */
export async function writeModelManifest(folder: string, manifest: ModelManifest): Promise<void> {
  const target = join(folder, MANIFEST_FILE_NAME);
  const temporary = join(folder, `.${MANIFEST_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`, {
      flush: true,
    });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes the manifest, so the folder stops counting as installed before its files change. */
export async function removeModelManifest(folder: string): Promise<void> {
  await rm(join(folder, MANIFEST_FILE_NAME), { force: true });
}
