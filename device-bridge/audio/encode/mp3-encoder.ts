/**
 * 44.1 kHz mono PCM to the MP3 a Lunii plays: MPEG-1 Layer III, CBR, no ID3 tag, no
 * Xing/Info frame, every frame whole. LAME (wasm) pads its last frame on flush; the
 * output is then walked frame by frame before it is renamed into place, so a file that
 * breaks those rules is never left at `out`.
 */
import { EncodeInputError, EncodedOutputInvalidError } from './encode-errors.js';
import { LAME_ENCODER_DELAY, LameEncoder } from './lame-wasm.js';
import { Mp3FrameWalker, mp3ConformsToLunii } from './mp3-frames.js';
import { writeAtomically } from './temp-output-file.js';
import { chunkFrames, type PcmStream } from '../pcm.js';

export const LUNII_MP3_SAMPLE_RATE = 44_100;
/** MPEG-1 Layer III bitrates (kbit/s) a CBR stream can use (ISO/IEC 11172-3). */
const MPEG1_LAYER3_KBPS = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

export interface Mp3EncodeOptions {
  /** Constant bitrate, one of the MPEG-1 Layer III rates (default 128). */
  bitrateKbps?: number;
  signal?: AbortSignal;
  onProgress?: (secondsDone: number) => void;
}

export interface Mp3EncodeResult {
  path: string;
  bytes: number;
  frameCount: number;
  bitrateKbps: number;
  /** Input length. */
  inputSeconds: number;
  /** Length of the frames: input + LAME's 576-sample delay + the last frame's padding. */
  durationSeconds: number;
  /** Silence LAME puts before the audio; without a Xing/LAME frame no decoder removes it. */
  encoderDelaySamples: number;
}

export async function encodeMp3(
  pcm: PcmStream,
  out: string,
  options: Mp3EncodeOptions = {},
): Promise<Mp3EncodeResult> {
  const bitrateKbps = options.bitrateKbps ?? 128;
  if (!MPEG1_LAYER3_KBPS.includes(bitrateKbps)) {
    throw new EncodeInputError(
      `MP3 bitrate must be one of ${MPEG1_LAYER3_KBPS.join(', ')} kbit/s, got ${bitrateKbps}`,
    );
  }
  options.signal?.throwIfAborted();
  return writeAtomically(out, async (file) => {
    const encoder = await LameEncoder.create(LUNII_MP3_SAMPLE_RATE, 1, bitrateKbps);
    const walker = new Mp3FrameWalker();
    const emit = async (bytes: Uint8Array): Promise<void> => {
      walker.push(bytes);
      await file.write(bytes);
    };
    let samples = 0;
    try {
      for await (const chunk of pcm) {
        options.signal?.throwIfAborted();
        if (chunk.sampleRate !== LUNII_MP3_SAMPLE_RATE || chunk.channels.length !== 1) {
          throw new EncodeInputError(
            `MP3 for Lunii takes 44100 Hz mono PCM, got ${chunk.sampleRate} Hz with ${chunk.channels.length} ` +
              'channel(s): resample and downmix before encoding',
          );
        }
        const n = chunkFrames(chunk);
        await emit(encoder.encode(chunk.channels, 0, n));
        samples += n;
        options.onProgress?.(samples / LUNII_MP3_SAMPLE_RATE);
      }
      options.signal?.throwIfAborted();
      if (samples === 0) throw new EncodeInputError('the PCM stream holds no audio');
      await emit(encoder.flush());
    } finally {
      encoder.close();
    }
    const report = walker.end();
    const verdict = mp3ConformsToLunii(report);
    if (!verdict.ok)
      throw new EncodedOutputInvalidError(`LAME output fails the Lunii check: ${verdict.reasons.join('; ')}`);
    return {
      path: out,
      bytes: file.size,
      frameCount: report.frameCount,
      bitrateKbps,
      inputSeconds: samples / LUNII_MP3_SAMPLE_RATE,
      durationSeconds: report.durationSeconds,
      encoderDelaySamples: LAME_ENCODER_DELAY,
    };
  });
}
