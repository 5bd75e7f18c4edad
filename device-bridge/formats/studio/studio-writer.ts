/**
 * Writes a story as a STUdio zip (story.json, talemo.json, thumbnail.png, assets/) that
 * STUdio, Lunii.QT and Talemo itself open. The output is deterministic (fixed timestamps,
 * stable order), so exporting the same story twice gives the same bytes. A file export
 * appears at its destination only once complete: it is written beside it and renamed.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import yazl from 'yazl';

import type { AudioRef, ImageRef, StoryGraph } from '../../pack/story-graph';
import { graphToSidecar, graphToStudio, STUDIO_EXTENSIONS } from './studio-mapping';
import { StudioPackError } from './studio-pack-error';

export interface StudioWriteInput {
  graph: StoryGraph;
  title: string;
  description: string;
  packVersion: number;
  nightMode: boolean;
  /** Written to talemo.json as is (language, age, tags…), for a lossless return to Talemo. */
  story?: unknown;
  /** The image written as thumbnail.png (Lunii.QT shows it in its pack list). */
  thumbnail?: { hash: string } | null | undefined;
  /** Where the bytes of the asset with this SHA-256 live on disk. */
  assetPath: (sha256: string) => string;
}

export interface StudioWriteOptions {
  signal?: AbortSignal | undefined;
  /** Bytes of assets read: each is read twice (hashed for its name, then zipped). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

interface PackedFile {
  name: string;
  path: string;
  size: number;
  compress: boolean;
}

interface PreparedPack {
  storyJson: Buffer;
  sidecarJson: Buffer;
  thumbnail: PackedFile | null;
  assets: PackedFile[];
  advance: (bytes: number) => void;
}

// Why local 1980-01-01: the earliest DOS date, and yazl encodes DOS times in local time, so
// this one reads the same in every time zone (no extended UTC timestamp is written).
const FIXED_MTIME = new Date(1980, 0, 1);
const FILE_MODE = 0o100644;
const DIRECTORY_MODE = 0o040755;
/** Media that is already compressed is stored: deflating MP3 or PNG costs time and saves nothing. */
const DEFLATED_MIMES = new Set(['audio/wav', 'image/bmp']);

export async function writeStudioZip(
  input: StudioWriteInput,
  destination: string,
  options: StudioWriteOptions = {},
): Promise<void> {
  const partPath = `${destination}.part`;
  const prepared = await prepare(input, options).catch((error: unknown) => {
    throw cancelledOr(error, options.signal);
  });
  const sink = createWriteStream(partPath, { flush: true });
  try {
    await emitZip(prepared, sink, options.signal);
    await rename(partPath, destination);
  } catch (error) {
    // Why wait for close: removing the file before the stream has opened it would let it reappear.
    if (!sink.closed) await once(sink, 'close');
    await rm(partPath, { force: true });
    throw cancelledOr(error, options.signal);
  }
}

export async function writeStudioZipToBuffer(
  input: StudioWriteInput,
  options: StudioWriteOptions = {},
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next();
    },
  });
  try {
    await emitZip(await prepare(input, options), sink, options.signal);
  } catch (error) {
    throw cancelledOr(error, options.signal);
  }
  // Why not a Buffer: Buffer's toJSON turns it into an array of numbers when the API encodes it.
  const zip = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    zip.set(chunk, at);
    at += chunk.byteLength;
  }
  return zip;
}

/** Checks every asset is there and unchanged, and names it by its SHA-1 as STUdio does. */
async function prepare(input: StudioWriteInput, options: StudioWriteOptions): Promise<PreparedPack> {
  const uses = new Map<string, { ref: ImageRef | AudioRef; label: string }>();
  for (const stage of input.graph.stages) {
    for (const [ref, role] of [
      [stage.image, 'image'],
      [stage.audio, 'audio'],
    ] as const) {
      if (ref && !uses.has(ref.hash)) {
        uses.set(ref.hash, { ref, label: `the ${role} of "${stage.name || stage.id}"` });
      }
    }
  }
  const thumbnailHash = input.thumbnail?.hash ?? null;
  const hashes = [...uses.keys(), ...(thumbnailHash && !uses.has(thumbnailHash) ? [thumbnailHash] : [])];
  const label = (hash: string): string => uses.get(hash)?.label ?? 'the thumbnail';

  const sizes = new Map<string, number>();
  for (const hash of hashes) {
    const size = await stat(input.assetPath(hash)).then(
      (stats) => stats.size,
      () => null,
    );
    if (size === null) {
      throw new StudioPackError(
        'missing-asset',
        `The file of ${label(hash)} (${hash}) is missing from the library.`,
      );
    }
    sizes.set(hash, size);
  }
  let done = 0;
  const sizeOf = (list: string[]): number => list.reduce((sum, hash) => sum + sizes.get(hash)!, 0);
  const total = sizeOf(hashes) + sizeOf([...uses.keys(), ...(thumbnailHash ? [thumbnailHash] : [])]);
  const advance = (bytes: number): void => {
    done += bytes;
    options.onProgress?.(done, total);
  };
  advance(0);

  const sha1s = new Map<string, string>();
  for (const hash of hashes) {
    const digests = await digestFile(input.assetPath(hash), options.signal, advance);
    if (digests.sha256 !== hash) {
      throw new StudioPackError(
        'corrupt',
        `The file of ${label(hash)} (${hash}) has changed on disk since it was stored.`,
      );
    }
    sha1s.set(hash, digests.sha1);
  }
  const assetName = (ref: ImageRef | AudioRef): string =>
    `${sha1s.get(ref.hash)}.${STUDIO_EXTENSIONS[ref.mime]}`;

  const studio = graphToStudio(
    input.graph,
    {
      title: input.title,
      description: input.description,
      packVersion: input.packVersion,
      nightMode: input.nightMode,
    },
    assetName,
  );
  const assets = [...uses.values()]
    .map(({ ref }) => ({
      name: `assets/${assetName(ref)}`,
      path: input.assetPath(ref.hash),
      size: sizes.get(ref.hash)!,
      compress: DEFLATED_MIMES.has(ref.mime),
    }))
    // Why sorted: STUdio writes assets in name order, and a fixed order makes the output deterministic.
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    storyJson: Buffer.from(JSON.stringify(studio, null, 4)),
    sidecarJson: Buffer.from(JSON.stringify(graphToSidecar(input.graph, input.story), null, 2)),
    thumbnail: thumbnailHash
      ? {
          name: 'thumbnail.png',
          path: input.assetPath(thumbnailHash),
          size: sizes.get(thumbnailHash)!,
          compress: false,
        }
      : null,
    assets,
    advance,
  };
}

async function digestFile(
  path: string,
  signal: AbortSignal | undefined,
  advance: (bytes: number) => void,
): Promise<{ sha1: string; sha256: string }> {
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  const digest = new Writable({
    write(chunk: Buffer, _encoding, next) {
      sha1.update(chunk);
      sha256.update(chunk);
      advance(chunk.byteLength);
      next();
    },
  });
  await pipeline(createReadStream(path), digest, { signal });
  return { sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
}

async function emitZip(pack: PreparedPack, sink: Writable, signal: AbortSignal | undefined): Promise<void> {
  const failed = new AbortController();
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
    failed.abort();
  };
  const zip = new yazl.ZipFile();
  zip.on('error', fail);
  const sources = new Set<Readable>();
  // Why lazy: yazl opens each file only when it reaches it, so one file is open at a time.
  const addFile = (file: PackedFile): void => {
    const options = {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      forceDosTimestamp: true,
      compress: file.compress,
      size: file.size,
    };
    zip.addReadStreamLazy(file.name, options, (callback) => {
      const source = createReadStream(file.path);
      sources.add(source);
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          pack.advance(chunk.byteLength);
          next(null, chunk);
        },
      });
      pipeline(source, counter).catch(fail);
      callback(null, counter);
    });
  };

  const jsonOptions = { mtime: FIXED_MTIME, mode: FILE_MODE, forceDosTimestamp: true, compress: true };
  zip.addBuffer(pack.storyJson, 'story.json', jsonOptions);
  zip.addBuffer(pack.sidecarJson, 'talemo.json', jsonOptions);
  if (pack.thumbnail) addFile(pack.thumbnail);
  zip.addEmptyDirectory('assets/', { mtime: FIXED_MTIME, mode: DIRECTORY_MODE, forceDosTimestamp: true });
  for (const asset of pack.assets) addFile(asset);
  zip.end();

  const signals = signal ? [signal, failed.signal] : [failed.signal];
  try {
    await pipeline(zip.outputStream, sink, { signal: AbortSignal.any(signals) });
  } catch (error) {
    throw failure ?? error;
  } finally {
    for (const source of sources) source.destroy();
  }
}

function cancelledOr(error: unknown, signal: AbortSignal | undefined): unknown {
  return signal?.aborted
    ? new StudioPackError('cancelled', 'The export was cancelled.', { cause: error })
    : error;
}
