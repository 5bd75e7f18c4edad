/**
 * Optional accelerator: a system ffmpeg decodes what no bundled codec covers (AAC in
 * M4A). Never required. It streams raw float PCM to our stdout pipe, so backpressure
 * keeps memory flat: when we stop reading, ffmpeg blocks.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { AudioDecodeError } from './audio-decode-error.js';
import { PcmAssembler } from './pcm-assembler.js';
import type { PcmChunk } from '../pcm.js';

/**
 * The ffmpeg to use: `configured` when given (null turns ffmpeg off), else `ffmpeg` on
 * PATH. Null when there is none.
 */
export async function findFfmpeg(configured: string | null | undefined): Promise<string | null> {
  if (configured === null) return null;
  const candidates =
    configured !== undefined
      ? [configured]
      : (process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg'));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next PATH entry
    }
  }
  return null;
}

export interface FfmpegTarget {
  sampleRate: number;
  channels: number;
}

export async function* ffmpegPcm(
  ffmpeg: string,
  path: string,
  target: FfmpegTarget,
  signal?: AbortSignal,
): AsyncGenerator<PcmChunk> {
  // Rate and channels are forced to what openAudio announced, so chunks match the info.
  const args = ['-nostdin', '-v', 'error', '-i', path, '-map', '0:a:0', '-vn'];
  args.push('-ac', String(target.channels), '-ar', String(target.sampleRate));
  args.push('-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1');
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  exited.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
  const assembler = new PcmAssembler(target);
  const frameBytes = 4 * target.channels;
  let carry = new Uint8Array(0);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      const bytes = carry.byteLength > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const whole = bytes.byteLength - (bytes.byteLength % frameBytes);
      carry = Uint8Array.prototype.slice.call(bytes, whole);
      const planes = deinterleaveFloat32(bytes.subarray(0, whole), target.channels);
      yield* assembler.push(planes, whole / frameBytes);
    }
    const code = await exited.catch((error: unknown) => {
      throw new AudioDecodeError('needs-platform-decoder', path, `could not start ffmpeg (${ffmpeg})`, {
        cause: error,
      });
    });
    if (code !== 0 || assembler.acceptedFrames === 0)
      throw new AudioDecodeError('corrupt', path, `could not be decoded by ffmpeg: ${lastLine(stderr)}`);
    yield* assembler.finish(false);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

function deinterleaveFloat32(bytes: Uint8Array, channels: number): Float32Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames = bytes.byteLength / (4 * channels);
  const planes = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0, at = 0; f < frames; f += 1) {
    for (let c = 0; c < channels; c += 1, at += 4) planes[c]![f] = view.getFloat32(at, true);
  }
  return planes;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() || 'no reason given';
}
