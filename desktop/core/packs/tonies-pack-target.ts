/**
 * Toniebox: one Tonie audio file (TAF), a chapter per linear chapter, so the child skips
 * between paths by tilting the box (or pinching its ears on newer firmware).
 */
import { join } from 'node:path';

import { encodeTaf } from '../../../device-bridge/formats/taf/taf-encode';
import { TafInputError } from '../../../device-bridge/formats/taf/taf-errors';
import { TalemoError } from '../errors';
import { exportFileName } from '../studio/studio-export';
import type { PackJob } from './pack-job';
import type { BuiltTarget } from './pack-targets';

export async function buildToniesTarget(job: PackJob, dir: string): Promise<BuiltTarget> {
  const { chapters } = await job.chapters();
  const wavs = await job.chapterWavs();
  const name = exportFileName(job.story).replace(/\.zip$/, '.taf');
  let taf;
  try {
    taf = await encodeTaf(
      wavs.map((wav) => wav.path),
      join(dir, name),
      {
        ...(job.signal ? { signal: job.signal } : {}),
        onProgress: (done, total) => job.progress('tonies', Math.floor(done), Math.ceil(total)),
      },
    );
  } catch (error) {
    if (error instanceof TafInputError)
      throw new TalemoError(
        'invalid-input',
        `"${job.story.title}" cannot become a Tonie file: ${error.message}`,
      );
    throw error;
  }
  const starts = taf.chapterStartsSeconds;
  return {
    format: 'Tonie audio file (TAF)',
    files: [{ path: name, durationSec: round(taf.durationSeconds) }],
    chapters: chapters.map((chapter, i) => ({
      number: chapter.number,
      title: chapter.title,
      file: name,
      startSec: round(starts[i]!),
      durationSec: round((starts[i + 1] ?? taf.durationSeconds) - starts[i]!),
    })),
    details: { audioId: taf.audioId, sha1: taf.sha1, chapterMarks: taf.chapters.join(',') },
    notes: [
      `Put it on the SD card as CONTENT/<tag path> ("talemo tonies write --sd <card> --uid <tag>") or upload it to TeddyCloud; the prompts' "chapter N" is the Tonie's chapter N.`,
    ],
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
