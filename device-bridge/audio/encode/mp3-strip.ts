/**
 * Makes a Lunii MP3 out of one whose audio already fits (MPEG-1 Layer III, mono, 44.1 kHz)
 * but which carries tags, a Xing/Info frame or a cut-short last frame: the whole audio
 * frames are copied as they are, everything else left behind. No re-encoding, so no loss
 * and no wait (studio#171 asked for exactly this). Audio that does not fit is refused.
 */
import { open } from 'node:fs/promises';

import { EncodeInputError } from './encode-errors.js';
import { inspectMp3, mp3ConformsToLunii, type Mp3Report } from './mp3-frames.js';
import { writeAtomically } from './temp-output-file.js';

const COPY_BYTES = 1024 * 1024;

export interface Mp3StripResult {
  path: string;
  bytes: number;
  frameCount: number;
  /** What was left out, in words ("ID3v2 tag", "Info frame", …); empty when the file already fitted. */
  removed: string[];
}

/** What the Lunii check objects to that copying the frames cannot fix. */
function audioProblems(report: Mp3Report): string[] {
  const framesOnly: Mp3Report = {
    ...report,
    id3v2: false,
    id3v1: false,
    apeTag: false,
    vbrHeader: null,
    truncatedLastFrame: false,
    truncatedBytes: 0,
  };
  return mp3ConformsToLunii(framesOnly).reasons;
}

export async function stripMp3ForLunii(input: string, out: string): Promise<Mp3StripResult> {
  const report = await inspectMp3(input);
  const problems = audioProblems(report);
  if (problems.length > 0) {
    throw new EncodeInputError(`${input} needs re-encoding for Lunii: ${problems.join('; ')}`);
  }
  const removed = [
    report.id3v2 && 'ID3v2 tag',
    report.id3v1 && 'ID3v1 tag',
    report.apeTag && 'APE tag',
    report.vbrHeader && `${report.vbrHeader} frame`,
    report.truncatedLastFrame && `cut-short last frame (${report.truncatedBytes} bytes)`,
  ].filter((x): x is string => typeof x === 'string');
  const source = await open(input, 'r');
  try {
    await writeAtomically(out, async (file) => {
      const buffer = new Uint8Array(COPY_BYTES);
      for (let at = report.audioStart; at < report.audioEnd;) {
        const { bytesRead } = await source.read(buffer, 0, Math.min(COPY_BYTES, report.audioEnd - at), at);
        if (bytesRead === 0) throw new EncodeInputError(`${input} changed while being copied`);
        await file.write(buffer.slice(0, bytesRead));
        at += bytesRead;
      }
    });
  } finally {
    await source.close();
  }
  return { path: out, bytes: report.audioEnd - report.audioStart, frameCount: report.frameCount, removed };
}
