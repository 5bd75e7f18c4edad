/**
 * A pack on a Lunii back to a STUdio zip, so a family can keep a copy, edit it in Talemo or
 * STUdio, or move it to another box: indexes read and checked (lunii-pack-reader.ts), pictures
 * deciphered and turned into PNG, sounds deciphered as the MP3 they were, graph rebuilt.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Mp3FrameWalker } from '../../audio/encode/mp3-frames';
import { luniiBmpToPng } from '../../image/lunii-bmp';
import type { AudioRef, ImageRef } from '../../pack/story-graph';
import { writeStudioZip } from '../studio/studio-writer';
import { decipherPackFile } from './lunii-file-cipher';
import { LuniiFormatError } from './lunii-format-error';
import type { LuniiKeys } from './lunii-keys';
import { luniiPackToGraph } from './lunii-pack-graph';
import { readLuniiPack } from './lunii-pack-reader';
import { packFolderName } from './lunii-pack-uuid';
import { LUNII_CIPHERED_BYTES } from './lunii-xxtea';

export interface LuniiExportOptions {
  /** The box keeps no title; the app's own record of it, if any. */
  title?: string | null | undefined;
  description?: string | null | undefined;
  signal?: AbortSignal | undefined;
  /** Steps done of steps to do: one per picture and sound, one for the zip. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Where the deciphered assets are staged; a temporary folder when absent. Cleaned either way. */
  workDir?: string | undefined;
}

export interface LuniiExportResult {
  stageCount: number;
  actionCount: number;
  imageCount: number;
  soundCount: number;
}

export async function exportLuniiPackToStudio(
  folder: string,
  packUuid: string,
  keys: LuniiKeys,
  outZip: string,
  options: LuniiExportOptions = {},
): Promise<LuniiExportResult> {
  packFolderName(packUuid);
  const pack = await readLuniiPack(folder, keys);
  const staging = options.workDir
    ? join(options.workDir, `lunii-export-${randomUUID()}`)
    : await mkdtemp(join(tmpdir(), 'talemo-lunii-export-'));
  await mkdir(staging, { recursive: true });
  const total = pack.images.length + pack.sounds.length + 1;
  let done = 0;
  const step = (): void => options.onProgress?.(++done, total);
  options.onProgress?.(0, total);
  try {
    const stage = async (bytes: Uint8Array): Promise<string> => {
      const hash = createHash('sha256').update(bytes).digest('hex');
      await writeFile(join(staging, hash), bytes);
      return hash;
    };
    const images: ImageRef[] = [];
    for (const path of pack.images) {
      options.signal?.throwIfAborted();
      const bmp = decipherPackFile(new Uint8Array(await readFile(path)), keys);
      images.push({ hash: await stage(pngOf(bmp, path, folder)), mime: 'image/png' });
      step();
    }
    const sounds: AudioRef[] = [];
    for (const path of pack.sounds) {
      options.signal?.throwIfAborted();
      const mp3 = decipherPackFile(new Uint8Array(await readFile(path)), keys);
      sounds.push({ hash: await stage(withoutBlockPadding(mp3, keys)), mime: 'audio/mpeg' });
      step();
    }
    const graph = luniiPackToGraph(pack, packUuid, { images, sounds });
    await writeStudioZip(
      {
        graph,
        title: options.title ?? '',
        description: options.description ?? '',
        packVersion: pack.packVersion,
        nightMode: pack.nightMode,
        thumbnail: graph.stages[0]!.image,
        assetPath: (hash) => join(staging, hash),
      },
      outZip,
      { signal: options.signal },
    );
    step();
    return {
      stageCount: graph.stages.length,
      actionCount: graph.actions.length,
      imageCount: images.length,
      soundCount: sounds.length,
    };
  } catch (error) {
    if (options.signal?.aborted)
      throw new LuniiFormatError('cancelled', 'The export was cancelled.', { cause: error });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function pngOf(bmp: Uint8Array, path: string, folder: string): Uint8Array {
  try {
    return luniiBmpToPng(bmp);
  } catch (error) {
    throw new LuniiFormatError(
      'invalid-input',
      `The picture ${path.slice(folder.length + 1)} of this pack cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * On v3, an MP3 shorter than 512 bytes was zero-padded to whole AES blocks when written; the
 * zeros after its last whole frame are cut so the exported file is the MP3 that was compiled.
 */
function withoutBlockPadding(mp3: Uint8Array, keys: LuniiKeys): Uint8Array {
  if (keys.kind !== 'v3' || mp3.length > LUNII_CIPHERED_BYTES) return mp3;
  const walker = new Mp3FrameWalker();
  walker.push(mp3);
  const { audioEnd } = walker.end();
  return audioEnd > 0 && mp3.subarray(audioEnd).every((byte) => byte === 0) ? mp3.subarray(0, audioEnd) : mp3;
}
