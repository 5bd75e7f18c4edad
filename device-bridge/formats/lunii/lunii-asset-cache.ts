/**
 * Converts a story's pictures and sounds into what a Lunii reads (320×240 RLE4 BMP, mono
 * 44.1 kHz MP3) and keeps each result in a cache folder named by the source's SHA-256, so
 * compiling the same story again, or for a second box, re-encodes nothing.
 *
 * Cached files appear under their name only once complete (temp + rename): a crash mid-encode
 * never leaves a half file that a later compile would trust.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { encodeMp3, LUNII_MP3_SAMPLE_RATE } from '../../audio/encode/mp3-encoder';
import type { PcmStream } from '../../audio/pcm';
import { prepareAudio } from '../../audio/prepare-audio';
import { encodeLuniiBmp } from '../../image/lunii-bmp';

/** Bump when the conversion changes, so stale cached results are not reused. */
const CACHE_VERSION = 1;
/** Long enough to be a few whole MP3 frames (over 512 bytes, so v3 ciphering never pads it). */
const SILENCE_SECONDS = 0.1;

export class LuniiAssetCache {
  private constructor(readonly dir: string) {}

  static async open(workDir: string): Promise<LuniiAssetCache> {
    const dir = join(workDir, `lunii-cache-v${CACHE_VERSION}`);
    await mkdir(dir, { recursive: true });
    return new LuniiAssetCache(dir);
  }

  /** The BMP for the picture at `source` whose bytes hash to `sha256`. */
  async image(source: string, sha256: string): Promise<string> {
    return this.produce(`img-${sha256}.bmp`, async (temp) => {
      await writeFile(temp, await encodeLuniiBmp(await readFile(source)));
    });
  }

  /** The MP3 for the audio at `source`: loudness-normalised, or copied when it already conforms. */
  async audio(source: string, sha256: string, signal?: AbortSignal): Promise<string> {
    return this.produce(`snd-${sha256}.mp3`, async (temp) => {
      await prepareAudio(source, temp, { target: 'lunii-mp3', signal });
    });
  }

  /** A short silent MP3 for stages with no audio: the box wants a sound on every node. */
  async silence(): Promise<string> {
    return this.produce('silence.mp3', async (temp) => {
      await encodeMp3(silentPcm(SILENCE_SECONDS), temp);
    });
  }

  private async produce(name: string, make: (temp: string) => Promise<void>): Promise<string> {
    const path = join(this.dir, name);
    if (await exists(path)) return path;
    const temp = join(this.dir, `${randomUUID()}.part.${name.split('.').pop()!}`);
    try {
      await make(temp);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return path;
  }
}

async function* silentPcm(seconds: number): PcmStream {
  yield {
    sampleRate: LUNII_MP3_SAMPLE_RATE,
    channels: [new Float32Array(Math.round(seconds * LUNII_MP3_SAMPLE_RATE))],
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
