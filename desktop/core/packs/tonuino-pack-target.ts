/**
 * TonUINO (DFPlayer SD card): one MP3 per chapter in a numbered folder, `01/001.mp3`,
 * `01/002.mp3`, …, written by the DIY box layer exactly as it writes a card. A card linked to
 * the folder in album mode plays the chapters in order; the next and previous buttons skip
 * chapters, so the prompts' "chapter N" is track N.
 */
import { writeTonuinoFolder } from '../../../device-bridge/devices/diy/tonuino-sd';
import { TransferError } from '../../../device-bridge/transfer/transfer-error';
import { TalemoError } from '../errors';
import type { PackJob } from './pack-job';
import type { BuiltTarget } from './pack-targets';

/** The folder written; the parent renumbers it to a free one when copying it to a card. */
const FOLDER = 1;

export async function buildTonuinoTarget(job: PackJob, dir: string): Promise<BuiltTarget> {
  const { chapters } = await job.chapters();
  const mp3s = await job.chapterMp3s();
  let written;
  try {
    written = await writeTonuinoFolder(
      dir,
      { tracks: mp3s.map((mp3) => mp3.path), folder: FOLDER },
      {
        ...(job.signal ? { signal: job.signal } : {}),
        onProgress: (p) => job.progress('tonuino', p.tracksDone, p.tracksTotal),
      },
    );
  } catch (error) {
    if (error instanceof TransferError && error.code === 'invalid-request')
      throw new TalemoError(
        'invalid-input',
        `"${job.story.title}" cannot become a TonUINO folder: ${error.message}`,
      );
    if (error instanceof TransferError && (error.code === 'no-space' || error.code === 'read-only'))
      throw new TalemoError(error.code, error.message);
    throw error;
  }
  const files = written.tracks.map((track, i) => ({
    path: `${written.folderName}/${track.name}`,
    durationSec: Math.round(mp3s[i]!.durationSeconds * 1000) / 1000,
  }));
  return {
    format: 'TonUINO SD folder (MP3, mono 44.1 kHz)',
    files,
    chapters: chapters.map((chapter, i) => ({
      number: chapter.number,
      title: chapter.title,
      file: files[i]!.path,
      startSec: null,
      durationSec: files[i]!.durationSec,
    })),
    details: { folder: written.folderName, tracks: files.length },
    notes: [
      `Copy folder ${written.folderName} to the SD card (renumber it if ${written.folderName} is taken) and link a card to it in album mode; track N is chapter N.`,
    ],
  };
}
