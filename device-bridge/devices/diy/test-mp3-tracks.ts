/**
 * Real MP3 files for the tests of this folder: short tones, each at its own pitch, so every
 * track's bytes differ and a track written to the wrong number is caught. Encoded with our
 * LAME encoder (audio/encode), the same one a story's narration goes through.
 */
import { join } from 'node:path';

import { LUNII_MP3_SAMPLE_RATE, encodeMp3 } from '../../audio/encode/mp3-encoder';
import type { PcmStream } from '../../audio/pcm';

async function* tone(hz: number, seconds: number): PcmStream {
  const n = Math.round(LUNII_MP3_SAMPLE_RATE * seconds);
  const plane = new Float32Array(n);
  for (let i = 0; i < n; i += 1) plane[i] = 0.4 * Math.sin((2 * Math.PI * hz * i) / LUNII_MP3_SAMPLE_RATE);
  yield { sampleRate: LUNII_MP3_SAMPLE_RATE, channels: [plane] };
}

/** `count` MP3 files `source-N.mp3` in `dir`, in order. */
export async function makeToneMp3s(dir: string, count: number, seconds = 0.1): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const path = join(dir, `source-${i + 1}.mp3`);
    await encodeMp3(tone(220 + 55 * i, seconds), path, { bitrateKbps: 64 });
    paths.push(path);
  }
  return paths;
}
