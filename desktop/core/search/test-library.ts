/** For tests: a fresh library folder opened through the real core (SQLite file, sqlite-vec loaded). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Embedder } from '../../../models/embed/embedder';
import { TalemoCore } from '../talemo-core';

export function tempLibraryDir(): string {
  return mkdtempSync(join(tmpdir(), 'talemo-search-'));
}

export async function openIndexed(dir: string, embedder?: Embedder): Promise<TalemoCore> {
  const core = await TalemoCore.open(dir, { embedder });
  await core.whenIndexed();
  return core;
}
