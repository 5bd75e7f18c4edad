/**
 * Reads a zip through yauzl without trusting it. Names come back as written (backslashes
 * are not turned into slashes, so the guard sees a Windows path for what it is), and each
 * entry's bytes are counted as they inflate: more than its header declares is a lie (a zip
 * bomb), fewer or a wrong CRC is damage.
 */
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';

import yauzl from 'yauzl';

import { formatBytes } from './format-bytes';
import { StudioPackError } from './studio-pack-error';

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  /** Inflated size as the central directory declares it. */
  size: number;
  compressedSize: number;
  raw: yauzl.Entry;
}

const OPEN_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: false,
};

export async function openZip(source: string | Uint8Array): Promise<yauzl.ZipFile> {
  try {
    return typeof source === 'string'
      ? await yauzl.openPromise(source, OPEN_OPTIONS)
      : await yauzl.fromBufferPromise(
          Buffer.from(source.buffer, source.byteOffset, source.byteLength),
          OPEN_OPTIONS,
        );
  } catch (error) {
    throw asZipError(error);
  }
}

/** The central directory only: no entry data is read. */
export async function listEntries(zip: yauzl.ZipFile): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  try {
    for await (const raw of zip.eachEntry()) {
      // Why strict: a lenient decode turns "..\\x" into "../x" and hides what the zip really says.
      const name = yauzl.getFileNameLowLevel(
        raw.generalPurposeBitFlag,
        raw.fileNameRaw,
        raw.extraFields,
        true,
      );
      entries.push({
        name,
        isDirectory: name.endsWith('/'),
        size: raw.uncompressedSize,
        compressedSize: raw.compressedSize,
        raw,
      });
    }
  } catch (error) {
    throw asZipError(error);
  }
  return entries;
}

/**
 * Inflates one entry into `sink`, handing each chunk to `onChunk` (which may throw to stop),
 * and stops as soon as the entry inflates past its declared size.
 */
export async function streamEntry(
  zip: yauzl.ZipFile,
  entry: ZipEntry,
  sink: Writable,
  options: { signal?: AbortSignal | undefined; onChunk?: (chunk: Buffer) => void },
): Promise<void> {
  let inflated = 0;
  let checksum = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inflated += chunk.byteLength;
      if (inflated > entry.size) {
        return done(
          new StudioPackError(
            'too-large',
            `${entry.name} inflates to more than the ${formatBytes(entry.size)} its zip header declares: the zip lies about its size.`,
          ),
        );
      }
      checksum = crc32(chunk, checksum);
      try {
        options.onChunk?.(chunk);
      } catch (error) {
        return done(error as Error);
      }
      done(null, chunk);
    },
    flush(done) {
      if (inflated < entry.size) {
        return done(
          damaged(entry.name, `it ends after ${formatBytes(inflated)} of ${formatBytes(entry.size)}`),
        );
      }
      if (checksum !== entry.raw.crc32) return done(damaged(entry.name, 'its checksum does not match'));
      done();
    },
  });
  try {
    const input = await zip.openReadStreamPromise(entry.raw);
    await pipeline(input, meter, sink, { signal: options.signal });
  } catch (error) {
    if (error instanceof StudioPackError || isSystemError(error) || isAbort(error)) throw error;
    throw damaged(entry.name, messageOf(error), error);
  }
}

function damaged(name: string, why: string, cause?: unknown): StudioPackError {
  return new StudioPackError('corrupt', `${name} is damaged and cannot be unpacked (${why}).`, { cause });
}

function asZipError(error: unknown): unknown {
  if (isSystemError(error)) return error;
  if (/encrypt/i.test(messageOf(error))) {
    return new StudioPackError(
      'encrypted',
      'This zip is encrypted; Talemo cannot open password-protected packs.',
      {
        cause: error,
      },
    );
  }
  // Why no detail from the zip library: "end of central directory" means nothing to a parent.
  return new StudioPackError(
    'not-a-zip',
    'This file is not a readable zip archive: it may be damaged, cut short, or not a pack at all.',
    { cause: error },
  );
}

/** A file system failure (disk full, file gone) is ours to report as is, not the pack's fault. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && 'syscall' in error;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
