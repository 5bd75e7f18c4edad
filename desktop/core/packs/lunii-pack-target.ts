/**
 * Lunii: the story as a STUdio pack (zip), the interchange format every Lunii tool installs
 * (Talemo, STUdio, Lunii.QT). Lunii is the one box that plays the branching graph itself, so
 * it gets the story as it is, not the chapters. A device-ready folder is not made here: its
 * files are ciphered with the keys of the box it goes on, which only an install knows.
 */
import { join } from 'node:path';

import { exportFileName } from '../studio/studio-export';
import type { PackJob } from './pack-job';
import type { BuiltTarget } from './pack-targets';

export async function buildLuniiTarget(job: PackJob, dir: string): Promise<BuiltTarget> {
  const name = exportFileName(job.story);
  await job.core.exportStudioToFile(job.story.id, join(dir, name), {
    signal: job.signal,
    onProgress: (_phase, done, total) => job.progress('lunii', done, total),
  });
  const { graph } = job.story;
  return {
    format: 'STUdio pack (zip)',
    files: [{ path: name, durationSec: job.story.durationSec }],
    chapters: [],
    details: {
      stages: graph.stages.length,
      choices: graph.actions.filter((action) => action.options.length > 1).length,
      packVersion: job.story.version,
    },
    notes: [
      `Install it with "talemo lunii install ${name} --device <box>", or with STUdio or Lunii.QT; the box plays the story's choices itself.`,
    ],
  };
}
