/**
 * A chapter's pieces (story pages, spoken prompts) joined into one WAV file: the boxes that
 * skip chapters play one track per chapter, so a chapter must be one file.
 *
 * Why mono 44.1 kHz: library narration is Lunii MP3 (mono 44.1 kHz), so most pieces need no
 * resampling, and the MP3 made from the join for TonUINO or Yoto needs none either.
 * Why a pause between pieces: pages and prompts are stored trimmed of silence; played back to
 * back, a prompt would start in the last word of the page.
 */
import { openAudio } from '../../../device-bridge/audio/decode/open-audio';
import type { PcmStream } from '../../../device-bridge/audio/pcm';
import { downmix } from '../../../device-bridge/audio/process/downmix';
import { resample } from '../../../device-bridge/audio/process/resample';
import { writeWav16 } from '../../../device-bridge/formats/taf/wav-file-writer';

export const JOIN_SAMPLE_RATE = 44_100;
/** Silence between two pieces, seconds: a breath, as a reader would take. */
export const JOIN_PAUSE_SECONDS = 0.5;

export interface JoinedAudio {
  path: string;
  durationSeconds: number;
  bytes: number;
}

export async function joinAudioFiles(
  files: readonly string[],
  outWav: string,
  signal?: AbortSignal,
): Promise<JoinedAudio> {
  if (files.length === 0) throw new RangeError('a chapter needs at least one audio file to join');
  const written = await writeWav16(joined(files, signal), outWav, signal);
  return { path: written.path, durationSeconds: written.frames / written.sampleRate, bytes: written.bytes };
}

async function* joined(files: readonly string[], signal: AbortSignal | undefined): PcmStream {
  for (const [i, file] of files.entries()) {
    if (i > 0) yield silence(JOIN_PAUSE_SECONDS);
    const source = await openAudio(file, signal ? { signal } : {});
    yield* resample(downmix(source.pcm(signal ? { signal } : {}), 'mono'), JOIN_SAMPLE_RATE);
  }
}

function silence(seconds: number) {
  return {
    sampleRate: JOIN_SAMPLE_RATE,
    channels: [new Float32Array(Math.round(seconds * JOIN_SAMPLE_RATE))],
  };
}
