/**
 * Caps on what a STUdio zip may unpack to. Sized for real packs (hundreds of MB of MP3 is
 * normal) while stopping zip bombs before they fill the disk.
 */
export interface StudioLimits {
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Every entry's bytes once inflated, added up. */
  maxTotalBytes: number;
  /** One entry's bytes once inflated. */
  maxEntryBytes: number;
  /** story.json or talemo.json once inflated: they are parsed in memory. */
  maxJsonBytes: number;
  /** Inflated size over compressed size, checked only on entries above `ratioFloorBytes`. */
  maxRatio: number;
  /** Small entries (JSON, silence) compress well and do no harm, so the ratio is not checked on them. */
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_STUDIO_LIMITS: StudioLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 2048 * MiB,
  maxEntryBytes: 512 * MiB,
  maxJsonBytes: 64 * MiB,
  maxRatio: 100,
  ratioFloorBytes: 1 * MiB,
};
