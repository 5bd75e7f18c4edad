/**
 * Imports a STUdio zip into the library: the reader checks and stages everything first
 * (nothing reaches the library if any part is wrong), then the staged assets move into the
 * store and the story is written in one transaction.
 */
import { rmSync } from 'node:fs';

import { audioFileDurationSeconds } from '../../../device-bridge/audio/audio-duration';
import { readStudioZip, type StudioPack } from '../../../device-bridge/formats/studio/studio-reader';
import { StudioPackError } from '../../../device-bridge/formats/studio/studio-pack-error';
import { TalemoError } from '../errors';
import type { Library } from '../library/library';
import { estimateReadingSeconds } from '../story/reading-time';
import { storyMetaSchema, type StoryMeta, type StorySummary } from '../story/story';

export interface JobControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((phase: string, done: number, total: number) => void) | undefined;
}

export interface StudioImportResult {
  story: StorySummary;
  /** A story already in the library made from the same pack (same cover node), if any. */
  duplicateOf: string | null;
}

export async function importStudioPack(
  library: Library,
  source: { path: string } | { bytes: Uint8Array; fileName: string },
  control: JobControl = {},
): Promise<StudioImportResult> {
  const stagingDir = library.assets.tempPath('import');
  try {
    const pack = await readStudioZip('path' in source ? source.path : source.bytes, {
      stagingDir,
      signal: control.signal,
      onProgress: (done, total) => control.onProgress?.('reading', done, total),
    });
    const fileName = 'path' in source ? source.path : source.fileName;
    const meta = await packMeta(pack, fileName);
    const duplicateOf = library.stories.findByPackId(pack.graph.coverId)[0] ?? null;
    for (const asset of pack.assets) {
      library.assets.adoptFile(asset.path, { hash: asset.sha256, size: asset.size, mime: asset.mime });
    }
    const story = library.stories.insert(meta, pack.graph);
    return { story: library.stories.summary(story.id), duplicateOf };
  } catch (error) {
    if (error instanceof StudioPackError) {
      const code =
        error.reason === 'cancelled'
          ? 'cancelled'
          : error.reason === 'too-large'
            ? 'too-large'
            : 'invalid-pack';
      throw new TalemoError(code, error.message, { reason: error.reason });
    }
    throw error;
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

/** Our metadata from talemo.json when the pack came from Talemo, else sensible defaults. */
async function packMeta(pack: StudioPack, fileName: string): Promise<StoryMeta> {
  const carried = storyMetaSchema.partial().safeParse(pack.story ?? {});
  const fromTalemo = carried.success ? carried.data : {};
  const baseName = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.zip$/i, '');
  return {
    title: pack.title?.trim() || fromTalemo.title || baseName || 'Untitled pack',
    summary: pack.description ?? fromTalemo.summary ?? '',
    // Why French: most STUdio packs in circulation are French; the parent can change it.
    language: fromTalemo.language ?? 'fr',
    ageRange: fromTalemo.ageRange ?? '4-6',
    tags: fromTalemo.tags ?? [],
    durationSec: fromTalemo.durationSec ?? (await audioSeconds(pack)) ?? estimateReadingSeconds(pack.graph),
    author: fromTalemo.author ?? '',
    aiGenerated: fromTalemo.aiGenerated ?? false,
    aiProvenance: fromTalemo.aiProvenance ?? null,
    moderation: fromTalemo.moderation ?? 'unchecked',
    nightMode: pack.nightMode,
  };
}

async function audioSeconds(pack: StudioPack): Promise<number | null> {
  let total = 0;
  let known = false;
  for (const asset of pack.assets) {
    if (!asset.mime.startsWith('audio/')) continue;
    const seconds = await audioFileDurationSeconds(asset.path);
    if (seconds !== null) {
      total += seconds;
      known = true;
    }
  }
  return known ? Math.round(total) : null;
}
