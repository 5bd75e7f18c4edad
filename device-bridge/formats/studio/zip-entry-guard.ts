/**
 * Refuses a hostile zip from its central directory alone, before a byte is inflated: paths
 * that escape the pack, links, encryption, and sizes past the limits. Declared sizes are
 * checked here for an early, cheap refusal; zip-entry-stream enforces them on the real bytes.
 */
import { formatBytes } from './format-bytes';
import type { StudioLimits } from './studio-limits';
import { StudioPackError } from './studio-pack-error';
import type { ZipEntry } from './zip-entry-stream';

const UNIX_HOSTS = new Set([3, 19]); // "made by" Unix, macOS: the high 16 bits of the attributes are a mode
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const SUPPORTED_METHODS = new Set([0, 8]); // stored, deflated

export function guardEntryCount(count: number, limits: StudioLimits): void {
  if (count > limits.maxEntries) {
    throw new StudioPackError(
      'too-large',
      `The zip holds ${count} files, more than the ${limits.maxEntries} a pack may hold.`,
    );
  }
}

export function guardEntries(entries: ZipEntry[], limits: StudioLimits): void {
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    guardEntry(entry, limits);
    if (seen.has(entry.name)) {
      throw new StudioPackError(
        'duplicate-entry',
        `The entry "${printable(entry.name)}" appears twice in the zip.`,
      );
    }
    seen.add(entry.name);
    total += entry.size;
  }
  if (total > limits.maxTotalBytes) {
    throw new StudioPackError(
      'too-large',
      `The pack would unpack to ${formatBytes(total)}, more than the ${formatBytes(limits.maxTotalBytes)} allowed.`,
    );
  }
}

function guardEntry(entry: ZipEntry, limits: StudioLimits): void {
  const name = printable(entry.name);
  const pathProblem = unsafePathProblem(entry.name);
  if (pathProblem) throw new StudioPackError('unsafe-path', pathProblem);
  const mode = entry.raw.externalFileAttributes >>> 16;
  if (UNIX_HOSTS.has(entry.raw.versionMadeBy >> 8) && (mode & S_IFMT) === S_IFLNK) {
    throw new StudioPackError(
      'unsafe-path',
      `The entry "${name}" is a symbolic link, which a pack may not hold.`,
    );
  }
  if (entry.raw.generalPurposeBitFlag & 0x1) {
    throw new StudioPackError(
      'encrypted',
      `The entry "${name}" is encrypted; Talemo cannot open password-protected packs.`,
    );
  }
  if (!SUPPORTED_METHODS.has(entry.raw.compressionMethod)) {
    throw new StudioPackError(
      'unsupported',
      `The entry "${name}" uses compression method ${entry.raw.compressionMethod}; re-zip the pack with ordinary (deflate) compression.`,
    );
  }
  if (entry.size > limits.maxEntryBytes) {
    throw new StudioPackError(
      'too-large',
      `The entry "${name}" unpacks to ${formatBytes(entry.size)}, more than the ${formatBytes(limits.maxEntryBytes)} a pack file may be.`,
    );
  }
  if (entry.size > limits.ratioFloorBytes && entry.size > entry.compressedSize * limits.maxRatio) {
    const ratio = Math.round(entry.size / Math.max(entry.compressedSize, 1));
    throw new StudioPackError(
      'too-large',
      `The entry "${name}" inflates ${ratio} times (${formatBytes(entry.compressedSize)} to ${formatBytes(entry.size)}), the mark of a zip bomb; at most ${limits.maxRatio} times is allowed.`,
    );
  }
}

function unsafePathProblem(name: string): string | null {
  const shown = printable(name);
  if (name.length === 0) return 'An entry of the zip has an empty name.';
  if (name.includes('\\')) {
    return `The entry "${shown}" uses backslashes (a Windows path), so it could be written outside the pack.`;
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    return `The entry "${shown}" has an absolute path, so it would be written outside the pack.`;
  }
  if (name.split('/').includes('..')) return `The entry "${shown}" would be written outside the pack.`;
  if (/\p{Cc}/u.test(name)) return `The entry "${shown}" has control characters in its name.`;
  return null;
}

/** A name safe to show: control characters (which could fake a line in a log) become "?". */
function printable(name: string): string {
  return name.replace(/\p{Cc}/gu, '?');
}
