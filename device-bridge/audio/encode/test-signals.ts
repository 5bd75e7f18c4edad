/**
 * Audio made up in tests (tones, silence, clipped square waves) and a way to measure the
 * pitch of what a decoder gives back. Used only by the tests of this folder.
 */
import type { PcmChunk, PcmStream } from '../pcm.js';

/** One sample value at time t (seconds). */
export type Signal = (t: number) => number;

export const sine =
  (hz: number, amplitude = 0.5): Signal =>
  (t) =>
    amplitude * Math.sin(2 * Math.PI * hz * t);

/** A square wave beyond full scale: the encoders must clip it, not wrap it around. */
export const clippedSquare =
  (hz: number, amplitude = 1.6): Signal =>
  (t) =>
    Math.sin(2 * Math.PI * hz * t) >= 0 ? amplitude : -amplitude;

export const silence: Signal = () => 0;

export interface StreamSpec {
  sampleRate: number;
  channels: number;
  seconds: number;
  signal: Signal;
  /** Frames per chunk; vary it to test chunk boundaries. */
  chunkFrames?: number;
  /** Called before each chunk is handed over, with the seconds handed over so far. */
  beforeChunk?: (secondsSoFar: number) => void;
}

export async function* pcmStream(spec: StreamSpec): PcmStream {
  const total = Math.round(spec.sampleRate * spec.seconds);
  const size = spec.chunkFrames ?? 16_384;
  for (let start = 0; start < total; start += size) {
    spec.beforeChunk?.(start / spec.sampleRate);
    const n = Math.min(size, total - start);
    const plane = new Float32Array(n);
    for (let i = 0; i < n; i += 1) plane[i] = spec.signal((start + i) / spec.sampleRate);
    const chunk: PcmChunk = { sampleRate: spec.sampleRate, channels: [] };
    for (let c = 0; c < spec.channels; c += 1) chunk.channels.push(c === 0 ? plane : plane.slice());
    yield chunk;
  }
}

/**
 * Pitch of a decoded tone from its upward zero crossings between `from` and `to` seconds
 * (away from the encoder's start-up and the end padding).
 */
export function measuredFrequency(
  samples: Float32Array,
  sampleRate: number,
  from: number,
  to: number,
): number {
  const first = Math.round(from * sampleRate);
  const last = Math.min(samples.length - 1, Math.round(to * sampleRate));
  const crossings: number[] = [];
  for (let i = first; i < last; i += 1) {
    if (samples[i]! < 0 && samples[i + 1]! >= 0) crossings.push(i);
  }
  if (crossings.length < 2) return 0;
  const span = (crossings[crossings.length - 1]! - crossings[0]!) / sampleRate;
  return (crossings.length - 1) / span;
}

/** Largest absolute sample. */
export function peak(samples: Float32Array): number {
  let max = 0;
  for (const s of samples) max = Math.max(max, Math.abs(s));
  return max;
}

/** Root mean square level between `from` and `to` seconds. */
export function rms(samples: Float32Array, sampleRate: number, from: number, to: number): number {
  const first = Math.round(from * sampleRate);
  const last = Math.min(samples.length, Math.round(to * sampleRate));
  let sum = 0;
  for (let i = first; i < last; i += 1) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / Math.max(1, last - first));
}
