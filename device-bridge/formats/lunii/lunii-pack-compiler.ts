/**
 * Compiles a story graph into a Lunii pack folder, ready to be copied under the box's
 * `.content/` (research/devices.md §1.2–1.4): `ni li ri si bt [nm] rf/000/* sf/000/*`, the
 * first block of each file ciphered for the given box.
 *
 * The folder is built under a temporary name in `outDir` and renamed into place once whole,
 * so a crash or a cancel never leaves something that looks like a pack. Conversions are cached
 * in `workDir` by source SHA-256 (lunii-asset-cache.ts), and the same converted bytes are stored
 * once however many stages use them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { StoryGraph } from '../../pack/story-graph';
import { readStudioZip } from '../studio/studio-reader';
import { LuniiAssetCache } from './lunii-asset-cache';
import { computeBt } from './lunii-bt';
import { copyCiphered, writeBytes, writeCipheredBytes, type WrittenFile } from './lunii-ciphered-copy';
import { cipherPackFile } from './lunii-file-cipher';
import { LuniiFormatError } from './lunii-format-error';
import type { LuniiKeys } from './lunii-keys';
import { encodeListIndex } from './lunii-list-index';
import { encodeNodeIndex, type NiStage } from './lunii-node-index';
import { planLuniiPack, type PlannedStage } from './lunii-pack-plan';
import { packFolderName } from './lunii-pack-uuid';
import { encodeResourceIndex, resourceFileName } from './lunii-resource-index';

export interface LuniiCompileInput {
  graph: StoryGraph;
  /** RFC 4122 UUID; on a Lunii it is the cover node's uuid (STUdio's convention). */
  packUuid: string;
  /** story.json `version`, 0–65535. */
  packVersion: number;
  nightMode: boolean;
  /** Where the bytes of the asset with this SHA-256 are on disk. */
  assetPath: (sha256: string) => string;
}

export interface LuniiCompileOptions {
  signal?: AbortSignal | undefined;
  /** Steps done of steps to do (one per conversion and one per file written). */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Where converted assets are cached between compiles; a temporary folder when absent. */
  workDir?: string | undefined;
}

export interface LuniiPackFile {
  /** Relative to the pack folder, with forward slashes: `ni`, `rf/000/00000000`. */
  path: string;
  size: number;
  /** Of the bytes as written (ciphered). */
  sha256: string;
}

export interface LuniiCompileResult {
  uuid: string;
  /** The folder's name under `.content/`: the UUID's last 8 hex digits, upper case. */
  folderName: string;
  /** Where the pack folder now is. */
  folderPath: string;
  files: LuniiPackFile[];
  totalBytes: number;
}

/** ni, li, ri, si, bt (and nm, counted apart). */
const INDEX_FILES = 5;

interface ConvertedAssets {
  /** Per planned stage: the converted file paths. */
  images: (string | null)[];
  sounds: string[];
}

export async function compileLuniiPack(
  input: LuniiCompileInput,
  keys: LuniiKeys,
  outDir: string,
  options: LuniiCompileOptions = {},
): Promise<LuniiCompileResult> {
  const folderName = packFolderName(input.packUuid);
  if (!Number.isInteger(input.packVersion) || input.packVersion < 0 || input.packVersion > 0xffff) {
    throw new LuniiFormatError(
      'invalid-input',
      `A pack version is a whole number from 0 to 65535, got ${input.packVersion}.`,
    );
  }
  const plan = planLuniiPack(input.graph);
  const ownWorkDir = options.workDir ? null : await mkdtemp(join(tmpdir(), 'talemo-lunii-'));
  const progress = new Progress(options.onProgress);
  try {
    const cache = await LuniiAssetCache.open(options.workDir ?? ownWorkDir!);
    const converted = await convertAssets(plan.stages, input.assetPath, cache, progress, options.signal);
    await mkdir(outDir, { recursive: true });
    const temp = join(outDir, `.${folderName}.${randomUUID()}.part`);
    try {
      const files = await writePack(
        temp,
        plan.listIndex,
        plan.stages,
        converted,
        input,
        keys,
        progress,
        options.signal,
      );
      const folderPath = join(outDir, folderName);
      await replaceFolder(temp, folderPath);
      return {
        uuid: input.packUuid.toLowerCase(),
        folderName,
        folderPath,
        files,
        totalBytes: files.reduce((sum, file) => sum + file.size, 0),
      };
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  } catch (error) {
    if (options.signal?.aborted)
      throw new LuniiFormatError('cancelled', 'Building the Lunii pack was cancelled.', { cause: error });
    throw error;
  } finally {
    if (ownWorkDir) await rm(ownWorkDir, { recursive: true, force: true });
  }
}

export interface StudioZipCompileResult extends LuniiCompileResult {
  /** story.json's title and description, for the app's pack list (the box itself shows none). */
  title: string | null;
  description: string | null;
}

/**
 * A STUdio zip straight to a Lunii pack folder: unpacked into a staging folder under `workDir`
 * (removed afterwards), then compiled. The pack UUID is the first stage node's uuid, as STUdio's
 * reader decides, so a pack installed by STUdio or Lunii.QT is recognised as the same pack.
 */
export async function compileStudioZipToLunii(
  zipPath: string,
  keys: LuniiKeys,
  outDir: string,
  options: LuniiCompileOptions = {},
): Promise<StudioZipCompileResult> {
  const ownWorkDir = options.workDir ? null : await mkdtemp(join(tmpdir(), 'talemo-lunii-'));
  const workDir = options.workDir ?? ownWorkDir!;
  const stagingDir = join(workDir, `studio-${randomUUID()}`);
  try {
    const pack = await readStudioZip(zipPath, { stagingDir, signal: options.signal });
    const packUuid = pack.graph.stages[0]!.id;
    const paths = new Map(pack.assets.map((asset) => [asset.sha256, asset.path]));
    const compiled = await compileLuniiPack(
      {
        graph: pack.graph,
        packUuid,
        packVersion: pack.packVersion,
        nightMode: pack.nightMode,
        assetPath: (sha256) => paths.get(sha256) ?? join(stagingDir, sha256),
      },
      keys,
      outDir,
      { ...options, workDir },
    );
    return { ...compiled, title: pack.title, description: pack.description };
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
    if (ownWorkDir) await rm(ownWorkDir, { recursive: true, force: true });
  }
}

/**
 * Steps: one per conversion, one per file written. The files are counted before dedupe, so the
 * total never grows; steps saved by dedupe are counted done at the end.
 */
class Progress {
  private done = 0;
  private total = 0;
  constructor(private readonly report: LuniiCompileOptions['onProgress']) {}
  plan(total: number): void {
    this.total = total;
    this.report?.(0, total);
  }
  step(): void {
    this.done = Math.min(this.done + 1, this.total);
    this.report?.(this.done, this.total);
  }
  finish(): void {
    if (this.done === this.total) return;
    this.done = this.total;
    this.report?.(this.done, this.total);
  }
}

async function convertAssets(
  stages: PlannedStage[],
  assetPath: (sha256: string) => string,
  cache: LuniiAssetCache,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<ConvertedAssets> {
  const done = new Map<string, string>();
  const imageHashes = new Set(stages.flatMap((planned) => (planned.imageHash ? [planned.imageHash] : [])));
  const audioHashes = new Set(stages.flatMap((planned) => (planned.audioHash ? [planned.audioHash] : [])));
  const needSilence = stages.some((planned) => !planned.audioHash);
  const conversions = imageHashes.size + audioHashes.size + (needSilence ? 1 : 0);
  progress.plan(2 * conversions + INDEX_FILES + 1);

  // Why one at a time: each conversion already keeps a core busy (LAME, the resampler).
  const once = async (key: string, make: () => Promise<string>): Promise<string> => {
    const known = done.get(key);
    if (known) return known;
    signal?.throwIfAborted();
    const path = await make();
    done.set(key, path);
    progress.step();
    return path;
  };
  const images: (string | null)[] = [];
  const sounds: string[] = [];
  for (const { stage, imageHash, audioHash } of stages) {
    const who = stage.name ? `"${stage.name}" (${stage.id})` : stage.id;
    images.push(
      imageHash
        ? await once(`img:${imageHash}`, () =>
            convertOne(`the picture of ${who}`, imageHash, assetPath, (source) =>
              cache.image(source, imageHash),
            ),
          )
        : null,
    );
    sounds.push(
      audioHash
        ? await once(`snd:${audioHash}`, () =>
            convertOne(`the audio of ${who}`, audioHash, assetPath, (source) =>
              cache.audio(source, audioHash, signal),
            ),
          )
        : await once('silence', () => cache.silence()),
    );
  }
  return { images, sounds };
}

/** One conversion, with a missing file or an unreadable one reported against the stage using it. */
async function convertOne(
  what: string,
  hash: string,
  assetPath: (sha256: string) => string,
  make: (source: string) => Promise<string>,
): Promise<string> {
  const source = assetPath(hash);
  const found = await stat(source).then(
    (stats) => stats.isFile(),
    () => false,
  );
  if (!found)
    throw new LuniiFormatError('invalid-input', `The file of ${what} (${hash}) is missing from the library.`);
  try {
    return await make(source);
  } catch (error) {
    if (error instanceof LuniiFormatError || (error instanceof Error && error.name === 'AbortError'))
      throw error;
    throw new LuniiFormatError(
      'invalid-input',
      `${capitalise(what)} cannot be used on a Lunii: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Stores each distinct converted content once: two source files that convert to the same
 * bytes (the same picture saved twice) share an entry in `ri`/`si`.
 */
async function dedupeByContent(paths: string[]): Promise<{ unique: string[]; indexOf: Map<string, number> }> {
  const byHash = new Map<string, number>();
  const indexOf = new Map<string, number>();
  const unique: string[] = [];
  for (const path of paths) {
    if (indexOf.has(path)) continue;
    const hash = await hashFile(path);
    let index = byHash.get(hash);
    if (index === undefined) {
      index = unique.length;
      unique.push(path);
      byHash.set(hash, index);
    }
    indexOf.set(path, index);
  }
  return { unique, indexOf };
}

async function writePack(
  dir: string,
  listIndex: number[],
  stages: PlannedStage[],
  converted: ConvertedAssets,
  input: LuniiCompileInput,
  keys: LuniiKeys,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<LuniiPackFile[]> {
  const images = await dedupeByContent(converted.images.filter((path) => path !== null));
  const sounds = await dedupeByContent(converted.sounds);
  await mkdir(join(dir, 'rf', '000'), { recursive: true });
  await mkdir(join(dir, 'sf', '000'), { recursive: true });
  const files: LuniiPackFile[] = [];
  const record = (path: string, written: WrittenFile): void => {
    files.push({ path, ...written });
    progress.step();
  };

  for (const [folder, assets] of [
    ['rf', images.unique],
    ['sf', sounds.unique],
  ] as const) {
    for (const [k, source] of assets.entries()) {
      signal?.throwIfAborted();
      const path = `${folder}/000/${resourceFileName(k)}`;
      record(path, await copyCiphered(source, join(dir, path), keys, signal));
    }
  }

  const names = (count: number): string[] => Array.from({ length: count }, (_, k) => resourceFileName(k));
  const ri = encodeResourceIndex(names(images.unique.length));
  const cipheredRi = cipherPackFile(ri, keys);
  record('ri', await writeBytes(cipheredRi, join(dir, 'ri')));
  record(
    'si',
    await writeCipheredBytes(encodeResourceIndex(names(sounds.unique.length)), join(dir, 'si'), keys),
  );
  record('li', await writeCipheredBytes(encodeListIndex(listIndex), join(dir, 'li'), keys));
  record('bt', await writeBytes(computeBt(cipheredRi, keys), join(dir, 'bt')));

  const niStages = stages.map((planned, i): NiStage => {
    const image = converted.images[i];
    return {
      imageIndex: image ? images.indexOf.get(image)! : -1,
      soundIndex: sounds.indexOf.get(converted.sounds[i]!)!,
      ok: planned.ok,
      home: planned.home,
      controls: planned.stage.controls,
    };
  });
  const ni = encodeNodeIndex({
    packVersion: input.packVersion,
    imageCount: images.unique.length,
    soundCount: sounds.unique.length,
    stages: niStages,
  });
  record('ni', await writeBytes(ni, join(dir, 'ni')));
  if (input.nightMode) record('nm', await writeBytes(new Uint8Array(0), join(dir, 'nm')));
  progress.finish();
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Puts the finished folder in place, replacing an older build of the same pack only once the new one is whole. */
async function replaceFolder(temp: string, final: string): Promise<void> {
  const old = `${final}.${randomUUID()}.old`;
  const hadOld = await rename(final, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(temp, final);
  } catch (error) {
    if (hadOld) await rename(old, final);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
