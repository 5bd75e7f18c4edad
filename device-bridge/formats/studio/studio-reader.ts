/**
 * Reads a STUdio zip (story.json + assets/) into a story graph and a staging folder of
 * asset files, refusing anything hostile or broken with a message a parent can act on.
 *
 * Two phases, so most bad packs are refused before a byte is unpacked: first the central
 * directory and the JSON files (names, sizes, every reference); then each asset is streamed
 * to the staging folder, with the caps enforced on the bytes actually inflated, hashed and
 * sniffed on the way. On any failure the staging folder is removed: all or nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import type yauzl from 'yauzl';
import type { z } from 'zod';

import { storyGraphSchema, type StoryGraph } from '../../pack/story-graph';
import {
  isAudioMime,
  isImageMime,
  sniffAssetMime,
  SNIFF_BYTES,
  type AudioMime,
  type ImageMime,
} from './asset-sniff';
import { formatBytes } from './format-bytes';
import { DEFAULT_STUDIO_LIMITS, type StudioLimits } from './studio-limits';
import { studioPackInfo, studioToGraph } from './studio-mapping';
import { StudioPackError } from './studio-pack-error';
import { checkStudioReferences, type AssetRole } from './studio-references';
import { studioStorySchema, TALEMO_SIDECAR_FORMAT, talemoSidecarSchema } from './studio-schema';
import { guardEntries, guardEntryCount } from './zip-entry-guard';
import { listEntries, openZip, streamEntry, type ZipEntry } from './zip-entry-stream';

export interface StagedAsset {
  sha256: string;
  size: number;
  mime: ImageMime | AudioMime;
  /** The file inside stagingDir holding the bytes. */
  path: string;
}

export interface StudioPack {
  graph: StoryGraph;
  title: string | null;
  description: string | null;
  packVersion: number;
  nightMode: boolean;
  /** talemo.json's `story` when the pack was made by Talemo. */
  story: unknown | null;
  /** Every asset the graph uses, once per distinct content. */
  assets: StagedAsset[];
  thumbnail: StagedAsset | null;
}

export interface ReadStudioOptions {
  /** A folder that does not exist yet or is empty; asset files are written only here. */
  stagingDir: string;
  limits?: Partial<StudioLimits> | undefined;
  signal?: AbortSignal | undefined;
  /** Inflated bytes so far, of the bytes the pack declares for the files read. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

const STORY_JSON = 'story.json';
const SIDECAR_JSON = 'talemo.json';
const THUMBNAIL = 'thumbnail.png';
const ASSETS_DIR = 'assets/';

export async function readStudioZip(
  source: string | Uint8Array,
  options: ReadStudioOptions,
): Promise<StudioPack> {
  const limits = { ...DEFAULT_STUDIO_LIMITS, ...options.limits };
  await claimStagingDir(options.stagingDir);
  try {
    throwIfCancelled(options.signal);
    const zip = await openZip(source);
    try {
      return await readPack(zip, limits, options);
    } finally {
      zip.close();
    }
  } catch (error) {
    await rm(options.stagingDir, { recursive: true, force: true });
    if (options.signal?.aborted) {
      throw new StudioPackError('cancelled', 'The import was cancelled.', { cause: error });
    }
    throw error;
  }
}

async function readPack(
  zip: yauzl.ZipFile,
  limits: StudioLimits,
  options: ReadStudioOptions,
): Promise<StudioPack> {
  const { signal, stagingDir } = options;
  guardEntryCount(zip.entryCount, limits);
  const entries = await listEntries(zip);
  guardEntries(entries, limits);

  const files = new Map(entries.filter((entry) => !entry.isDirectory).map((entry) => [entry.name, entry]));
  const storyEntry = files.get(STORY_JSON);
  if (!storyEntry) {
    throw new StudioPackError(
      'missing-story-json',
      'This zip is not a STUdio pack: it has no story.json at its top level.',
    );
  }
  const sidecarEntry = files.get(SIDECAR_JSON);
  const thumbnailEntry = files.get(THUMBNAIL);
  const assetEntries = new Map(
    [...files]
      .filter(([name]) => name.startsWith(ASSETS_DIR))
      .map(([name, entry]) => [name.slice(ASSETS_DIR.length), entry]),
  );

  const toRead = [storyEntry, sidecarEntry, thumbnailEntry, ...assetEntries.values()].filter(
    (entry) => !!entry,
  );
  const total = toRead.reduce((sum, entry) => sum + entry.size, 0);
  let done = 0;
  const advance = (bytes: number): void => {
    done += bytes;
    options.onProgress?.(done, total);
  };
  advance(0);
  const read = { zip, limits, signal, advance };

  const story = parseAs(studioStorySchema, await readJson(read, storyEntry), STORY_JSON, 'a STUdio story');
  const sidecarJson = sidecarEntry ? await readJson(read, sidecarEntry) : null;
  // Why ignore another format: a pack from a newer Talemo still imports from story.json alone.
  const sidecar = isTalemoSidecar(sidecarJson)
    ? parseAs(talemoSidecarSchema, sidecarJson, SIDECAR_JSON, 'a Talemo sidecar')
    : null;
  const roles = checkStudioReferences(story, assetEntries.keys());

  const staged = new Map<string, StagedAsset>();
  const byFile = new Map<string, StagedAsset>();
  for (const [file, entry] of assetEntries) {
    byFile.set(file, await extractAsset(read, entry, roles.get(file)!, stagingDir, staged));
  }
  const thumbnail = thumbnailEntry
    ? await extractAsset(read, thumbnailEntry, 'image', stagingDir, staged)
    : null;

  const graph = studioToGraph(
    story,
    {
      image: (file) => {
        const { sha256, mime } = byFile.get(file)!;
        if (!isImageMime(mime)) throw wrongType(`${ASSETS_DIR}${file}`, 'image');
        return { hash: sha256, mime };
      },
      audio: (file) => {
        const { sha256, mime } = byFile.get(file)!;
        if (!isAudioMime(mime)) throw wrongType(`${ASSETS_DIR}${file}`, 'audio');
        return { hash: sha256, mime };
      },
    },
    sidecar?.texts,
  );
  // Why again: the STUdio schema mirrors the graph's limits, but the graph is what the app trusts.
  const checked = storyGraphSchema.safeParse(graph);
  if (!checked.success) {
    throw new StudioPackError(
      'invalid-story',
      `${STORY_JSON} does not make a valid story: ${describeIssues(checked.error)}.`,
    );
  }
  return {
    graph: checked.data,
    ...studioPackInfo(story),
    story: sidecar?.story ?? null,
    assets: [...new Set(byFile.values())],
    thumbnail,
  };
}

interface ReadContext {
  zip: yauzl.ZipFile;
  limits: StudioLimits;
  signal: AbortSignal | undefined;
  advance: (bytes: number) => void;
}

async function readJson(read: ReadContext, entry: ZipEntry): Promise<unknown> {
  if (entry.size > read.limits.maxJsonBytes) {
    throw new StudioPackError(
      'too-large',
      `${entry.name} unpacks to ${formatBytes(entry.size)}, more than the ${formatBytes(read.limits.maxJsonBytes)} allowed for it.`,
    );
  }
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next();
    },
  });
  await streamEntry(read.zip, entry, collect, {
    signal: read.signal,
    onChunk: (chunk) => read.advance(chunk.byteLength),
  });
  try {
    // Why strip a BOM: files saved by Windows editors start with one, and JSON.parse refuses it.
    return JSON.parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as unknown;
  } catch (error) {
    throw new StudioPackError(
      'invalid-json',
      `${entry.name} is not valid JSON (${(error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
}

function parseAs<T>(schema: z.ZodType<T>, json: unknown, name: string, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new StudioPackError('invalid-story', `${name} is not ${what}: ${describeIssues(parsed.error)}.`);
  }
  return parsed.data;
}

function isTalemoSidecar(json: unknown): boolean {
  return (
    typeof json === 'object' && json !== null && 'format' in json && json.format === TALEMO_SIDECAR_FORMAT
  );
}

/**
 * Streams one asset into the staging folder under a temporary name, then renames it to its
 * SHA-256; bytes already staged under another name are dropped, so each content is stored once.
 */
async function extractAsset(
  read: ReadContext,
  entry: ZipEntry,
  role: AssetRole,
  stagingDir: string,
  staged: Map<string, StagedAsset>,
): Promise<StagedAsset> {
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let mime: ImageMime | AudioMime | null = null;
  const inspect = (): ImageMime | AudioMime => {
    const sniffed = sniffAssetMime(head);
    if (!sniffed || !(role === 'image' ? isImageMime(sniffed) : isAudioMime(sniffed))) {
      throw wrongType(entry.name, role);
    }
    return sniffed;
  };
  const partPath = join(stagingDir, `${randomUUID()}.part`);
  // Why flush: the library records this file once it is renamed in; a power cut must not leave
  // a row over bytes that never reached the disk.
  await streamEntry(read.zip, entry, createWriteStream(partPath, { flags: 'wx', flush: true }), {
    signal: read.signal,
    onChunk: (chunk) => {
      hash.update(chunk);
      // Why early: a 500 MB "mp3" that is not audio is refused after 18 bytes, not after inflating it all.
      if (!mime) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.byteLength)]);
        if (head.byteLength >= SNIFF_BYTES) mime = inspect();
      }
      read.advance(chunk.byteLength);
    },
  });
  // Why again: an asset shorter than SNIFF_BYTES is only inspected once it has ended.
  const sniffed = mime ?? inspect();
  const sha256 = hash.digest('hex');
  const known = staged.get(sha256);
  if (known) {
    await rm(partPath);
    return known;
  }
  const asset: StagedAsset = { sha256, size: entry.size, mime: sniffed, path: join(stagingDir, sha256) };
  await rename(partPath, asset.path);
  staged.set(sha256, asset);
  return asset;
}

/** Creates the staging folder, refusing one with files in it: on failure we remove it whole. */
async function claimStagingDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new Error(`The staging folder ${dir} is not empty; readStudioZip needs a new or empty folder.`);
  }
}

function wrongType(name: string, role: AssetRole): StudioPackError {
  return new StudioPackError(
    'wrong-asset-type',
    role === 'image'
      ? `${name} is not an image (its first bytes are not PNG, JPEG or BMP).`
      : `${name} is not audio (its first bytes are not MP3, Ogg or WAV).`,
  );
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StudioPackError('cancelled', 'The import was cancelled.');
}

/** The first problem zod found, located by its path ("stageNodes[2].controlSettings.ok: …"). */
function describeIssues(error: z.ZodError): string {
  const [first] = error.issues;
  if (!first) return 'it does not have the expected shape';
  const where = first.path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
  const more = error.issues.length - 1;
  return `${where ? `${where}: ` : ''}${first.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
}
