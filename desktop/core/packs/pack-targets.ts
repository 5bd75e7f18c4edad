/** The boxes `talemo pack` writes for, and what it reports of each. */
export const PACK_TARGETS = ['lunii', 'tonies', 'yoto', 'tonuino'] as const;
export type PackTarget = (typeof PACK_TARGETS)[number];

export function isPackTarget(name: string): name is PackTarget {
  return (PACK_TARGETS as readonly string[]).includes(name);
}

export interface PackedFile {
  /** Relative to the target's folder, with forward slashes. */
  path: string;
  bytes: number;
  /** Playing time of an audio file; null for other files. */
  durationSec: number | null;
}

export interface PackedChapter {
  number: number;
  title: string;
  /** The file that plays it, when each chapter has its own. */
  file: string | null;
  /** Where it starts inside one file (a Tonie file), seconds. */
  startSec: number | null;
  durationSec: number | null;
}

export interface TargetReport {
  target: PackTarget;
  /** The folder the box's files are in (absolute). */
  folder: string;
  /** What was made, in words: "STUdio pack (zip)", "Tonie audio file (TAF)", … */
  format: string;
  files: PackedFile[];
  chapters: PackedChapter[];
  /** Format facts worth checking: a TAF's audio id and hash, a pack's stage count. */
  details: Record<string, string | number | boolean>;
  /** How to get it onto the box, and anything a parent should know. */
  notes: string[];
}

/** What a target builder hands back; sizes are measured by the caller once the folder is complete. */
export interface BuiltTarget {
  format: string;
  files: { path: string; durationSec: number | null }[];
  chapters: PackedChapter[];
  details: Record<string, string | number | boolean>;
  notes: string[];
}
