/**
 * Linux's /proc/self/mountinfo, read for what lsblk does not say: the filesystem type and
 * whether the mount is read-only (a FAT with errors is often remounted read-only).
 * Format: proc(5), "/proc/[pid]/mountinfo". Elsewhere the table is empty.
 */
import { readFile } from 'node:fs/promises';

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
  readOnly: boolean;
}

const MOUNTINFO = '/proc/self/mountinfo';

export async function readMountTable(): Promise<MountEntry[]> {
  if (process.platform !== 'linux') return [];
  try {
    return parseMountInfo(await readFile(MOUNTINFO, 'utf8'));
  } catch {
    return [];
  }
}

export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    // Why split on " - ": the optional fields before it vary in number; the separator does not.
    const [before, after] = line.split(' - ');
    if (!before || !after) continue;
    const fields = before.split(' ');
    const [fsType, source] = after.split(' ');
    const mountPoint = fields[4];
    const options = fields[5];
    if (!mountPoint || !options || !fsType || source === undefined) continue;
    entries.push({
      mountPoint: unescapeOctal(mountPoint),
      fsType,
      source: unescapeOctal(source),
      readOnly: options.split(',').includes('ro'),
    });
  }
  return entries;
}

/** The kernel writes space, tab, newline and backslash in paths as \040-style octal escapes. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** The entry that holds `path`: the longest mount point that is a prefix of it. */
export function mountFor(table: readonly MountEntry[], path: string): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const entry of table) {
    const prefix = entry.mountPoint.endsWith('/') ? entry.mountPoint : `${entry.mountPoint}/`;
    const holds = path === entry.mountPoint || path.startsWith(prefix);
    // Why >=: a later line with the same mount point is mounted on top and wins.
    if (holds && (!best || entry.mountPoint.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}
