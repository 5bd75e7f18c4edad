/**
 * Gets the audio back out of a Tonie audio file: one Ogg Opus file per chapter (the same
 * Opus packets, no re-encoding, with fresh OpusHead/OpusTags pages), or the whole programme
 * decoded to one WAV file. The file is inspected first; a file that is not a TAF throws
 * `TafFormatError`, a damaged one is extracted as far as it goes and its problems returned.
 */
import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';

import { openAudio } from '../../audio/decode/open-audio.js';
import { splitTafChapters } from './taf-chapter-split.js';
import { TafInputError } from './taf-errors.js';
import { TAF_HEADER_BYTES } from './taf-header.js';
import { inspectTaf, type TafReport } from './taf-inspect.js';
import { writeWav16 } from './wav-file-writer.js';

export interface TafExtractOptions {
  /** True: one Ogg Opus file per chapter in the output folder. False: one WAV file. */
  perChapter: boolean;
  signal?: AbortSignal;
}

export interface TafExtractResult {
  /** Files written, in chapter order. */
  files: string[];
  report: TafReport;
}

export async function extractTaf(
  path: string,
  out: string,
  options: TafExtractOptions,
): Promise<TafExtractResult> {
  const report = await inspectTaf(path);
  if (report.pageCount === 0) throw new TafInputError(`${path} holds no Ogg audio to extract`);
  const files = options.perChapter
    ? await splitTafChapters(path, out, report, options.signal)
    : [await decodeToWav(path, out, options.signal)];
  return { files, report };
}

/** The Ogg data copied out and decoded by our decoders, as a WAV file. */
async function decodeToWav(path: string, outFile: string, signal: AbortSignal | undefined): Promise<string> {
  // The decoders read a file from its first byte; give them the Ogg data alone.
  const ogg = `${outFile}.${randomBytes(6).toString('hex')}.ogg.partial`;
  try {
    await copyRange(path, TAF_HEADER_BYTES, ogg);
    const source = await openAudio(ogg, signal ? { signal } : {});
    await writeWav16(source.pcm(), outFile, signal);
    return outFile;
  } finally {
    await rm(ogg, { force: true });
  }
}

async function copyRange(path: string, start: number, to: string): Promise<void> {
  const input = await open(path, 'r');
  try {
    const output = await open(to, 'wx');
    try {
      const buffer = new Uint8Array(256 * 1024);
      for (let at = start; ;) {
        const { bytesRead } = await input.read(buffer, 0, buffer.length, at);
        if (bytesRead === 0) break;
        await output.write(buffer, 0, bytesRead);
        at += bytesRead;
      }
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}
