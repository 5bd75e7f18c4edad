/**
 * Signals generated for the tests of this folder: tones, silence, speech-like noise bursts,
 * and streams cut into chunks of random sizes. Deterministic (seeded), so a failure repeats.
 */
import { PCM_CHUNK_FRAMES, type PcmChunk, type PcmStream } from '../pcm';

/** A small, seeded pseudo-random generator (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function dbToAmplitude(db: number): number {
  return 10 ** (db / 20);
}

/** A sine of `peakDbfs` peak level. */
export function sine(
  hz: number,
  seconds: number,
  sampleRate: number,
  peakDbfs: number,
  phase = 0,
): Float32Array {
  const amplitude = dbToAmplitude(peakDbfs);
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i += 1)
    out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate + phase);
  return out;
}

/** A copy with raised-cosine ramps of `frames` at both ends, to keep edge transients out of peak tests. */
export function withSoftEdges(samples: Float32Array, frames: number): Float32Array {
  const out = samples.slice();
  for (let i = 0; i < frames && i < out.length; i += 1) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * i) / frames);
    out[i]! *= g;
    out[out.length - 1 - i]! *= g;
  }
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A tone whose level changes by segment (EBU Tech 3341/3342 test signals), generated as it streams. */
export async function* toneSegments(
  segments: { seconds: number; peakDbfs: number }[],
  options: { sampleRate: number; channelCount: number; hz?: number },
): PcmStream {
  const { sampleRate, channelCount } = options;
  const hz = options.hz ?? 1000;
  let n = 0;
  for (const { seconds, peakDbfs } of segments) {
    const amplitude = peakDbfs === -Infinity ? 0 : dbToAmplitude(peakDbfs);
    const frames = Math.round(seconds * sampleRate);
    for (let start = 0; start < frames; start += PCM_CHUNK_FRAMES) {
      const length = Math.min(PCM_CHUNK_FRAMES, frames - start);
      const channel = new Float32Array(length);
      for (let i = 0; i < length; i += 1, n += 1)
        channel[i] = amplitude * Math.sin((2 * Math.PI * hz * n) / sampleRate);
      yield { sampleRate, channels: Array.from({ length: channelCount }, () => channel.slice()) };
    }
  }
}

/**
 * Speech-like noise: syllable bursts (4 per second, soft edges, a pause every seventh) of a
 * voiced buzz plus low-passed noise; about 10 dB between true peak and loudness. `crestBoost` adds sparse sharp transients,
 * like plosives, that push the true peak far above the loudness.
 */
export function speechLike(
  seconds: number,
  sampleRate: number,
  options: { level?: number; seed?: number; crestBoost?: number } = {},
): Float32Array {
  const random = seededRandom(options.seed ?? 1);
  const level = options.level ?? 0.1;
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const syllable = Math.round(sampleRate / 4);
  let lowPassed = 0;
  for (let i = 0; i < out.length; i += 1) {
    const inSyllable = i % syllable;
    const syllableIndex = Math.floor(i / syllable);
    const envelope =
      syllableIndex % 7 === 6 ? 0 : Math.min(1, 3 * Math.sin((Math.PI * inSyllable) / syllable));
    lowPassed = 0.8 * lowPassed + 0.2 * (random() * 2 - 1);
    const buzz =
      Math.sin((2 * Math.PI * 140 * i) / sampleRate) + 0.5 * Math.sin((2 * Math.PI * 420 * i) / sampleRate);
    out[i] = level * envelope * (0.6 * buzz + lowPassed);
  }
  const boost = options.crestBoost ?? 0;
  if (boost > 0)
    for (let at = Math.round(sampleRate * 0.3); at < out.length - 8; at += Math.round(sampleRate * 0.9))
      for (let k = 0; k < 6; k += 1) out[at + k] = level * boost * (k % 2 === 0 ? 1 : -1) * (1 - k / 6);
  return out;
}

/** Streams arrays in chunks of random sizes between 1 and `maxFrames`. */
export async function* randomChunks(
  channels: Float32Array[],
  sampleRate: number,
  seed: number,
  maxFrames = 20_000,
): PcmStream {
  const random = seededRandom(seed);
  const frames = channels[0]!.length;
  for (let start = 0; start < frames;) {
    const end = Math.min(frames, start + 1 + Math.floor(random() * maxFrames));
    yield {
      sampleRate,
      channels: channels.map((channel) => channel.subarray(start, end)),
    } satisfies PcmChunk;
    start = end;
  }
}

/** Counts how many input frames a stream has handed out, to show that a step does not read ahead. */
export function countingStream(input: PcmStream): { stream: PcmStream; framesRead: () => number } {
  let read = 0;
  async function* counted(): PcmStream {
    for await (const chunk of input) {
      read += chunk.channels[0]?.length ?? 0;
      yield chunk;
    }
  }
  return { stream: counted(), framesRead: () => read };
}

/** Reads a 16-bit PCM WAV (what espeak-ng writes) into one array per channel. */
export function parseWav16(bytes: Uint8Array): { sampleRate: number; channels: Float32Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  let sampleRate = 0;
  let channelCount = 1;
  for (let at = 12; at + 8 <= bytes.length;) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'fmt ') {
      channelCount = view.getUint16(at + 10, true);
      sampleRate = view.getUint32(at + 12, true);
    }
    if (tag(at) === 'data') {
      const length = Math.min(size, bytes.length - at - 8);
      const frames = Math.floor(length / (2 * channelCount));
      const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
      for (let i = 0; i < frames; i += 1)
        for (let c = 0; c < channelCount; c += 1)
          channels[c]![i] = view.getInt16(at + 8 + 2 * (i * channelCount + c), true) / 32768;
      return { sampleRate, channels };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in WAV');
}
