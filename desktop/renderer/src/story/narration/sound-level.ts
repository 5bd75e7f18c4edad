/**
 * The microphone level a parent sees while recording: loudness on a decibel scale (what the
 * ear hears, unlike raw amplitude), held at its peak for a moment so a short word still moves
 * the meter, and a plain word for how it sounds.
 */

/** Below this, the meter reads empty: room noise on a laptop microphone. */
export const FLOOR_DB = -60;
/** Each tick (100 ms) the held peak falls by this much, so the bar settles in about a second. */
export const FALL_PER_TICK = 0.08;

/** Root mean square of samples in -1…1 (an AnalyserNode's float time-domain data). */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** 0 (silence, or quieter than FLOOR_DB) to 1 (full scale), linear in decibels. */
export function meterLevel(rootMeanSquare: number): number {
  if (rootMeanSquare <= 0) return 0;
  const db = 20 * Math.log10(rootMeanSquare);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** The level shown: the new one if louder, else the held one falling slowly. */
export function heldLevel(previous: number, next: number): number {
  return Math.max(next, previous - FALL_PER_TICK, 0);
}

export type LevelWord = 'silent' | 'quiet' | 'good' | 'loud';

/**
 * Speech reads well at about -33 to -6 dBFS RMS; louder than -6, its peaks clip. Under -54 is
 * room noise; under -33 the voice will sound far away on the box.
 */
export function levelWord(level: number): LevelWord {
  if (level < 0.1) return 'silent';
  if (level < 0.45) return 'quiet';
  if (level < 0.9) return 'good';
  return 'loud';
}
