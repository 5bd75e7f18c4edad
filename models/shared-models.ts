/**
 * For tests and benches: the small real models beside the repository, in `../shared/models/`
 * (see its PROVENANCE.md; never copied into the repo). A machine without that folder skips
 * the tests that need one; their names carry SHARED_MODEL_TAG so `npm test`'s summary counts
 * them as skipped for a missing fixture, not as failures, and the README says how to run them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_MODEL_TAG = '[needs ../shared/models]';

export const SHARED_MODELS_DIR = fileURLToPath(new URL('../../shared/models/', import.meta.url));

/** The path of a shared model file or folder, and whether it is there. */
export function sharedModel(relativePath: string): { path: string; present: boolean } {
  const path = fileURLToPath(new URL(relativePath, new URL('../../shared/models/', import.meta.url)));
  const present = existsSync(path);
  if (!present) console.warn(`Tests that need ${path} are skipped: it is not there (see README, "Tests").`);
  return { path, present };
}
