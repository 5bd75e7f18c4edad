/**
 * Short raised-cosine fades at the start and end (default 10 ms each), so that a clip that
 * starts or stops mid-waveform does not click. The fade-out must know where the stream ends,
 * so the last fade length is held back, and nothing more.
 */
import { PCM_CHUNK_FRAMES, type PcmChunk, type PcmStream } from '../pcm';
import { checkOption } from './audio-process-error';
import { checkedPcm } from './checked-pcm';
import { FrameQueue } from './frame-queue';

export interface FadeOptions {
  fadeInMs?: number;
  fadeOutMs?: number;
}

export async function* fadeInOut(input: PcmStream, options: FadeOptions = {}): PcmStream {
  const fadeInMs = options.fadeInMs ?? 10;
  const fadeOutMs = options.fadeOutMs ?? 10;
  checkOption('fadeInOut', 'fadeInMs', fadeInMs, 0, 60_000);
  checkOption('fadeInOut', 'fadeOutMs', fadeOutMs, 0, 60_000);
  let held: FrameQueue | undefined;
  let sampleRate = 0;
  let fadeOut = 0;
  let fadeIn = 0;
  let position = 0;
  for await (const chunk of checkedPcm(input, 'fadeInOut')) {
    if (held === undefined) {
      sampleRate = chunk.sampleRate;
      held = new FrameQueue(chunk.channels.length);
      fadeIn = Math.round((fadeInMs * sampleRate) / 1000);
      fadeOut = Math.round((fadeOutMs * sampleRate) / 1000);
    }
    const frames = chunk.channels[0]!.length;
    held.push(position < fadeIn ? fadedIn(chunk.channels, position, fadeIn) : chunk.channels);
    position += frames;
    while (held.frames > fadeOut) {
      const n = Math.min(PCM_CHUNK_FRAMES, held.frames - fadeOut);
      yield { sampleRate, channels: held.take(n) };
    }
  }
  if (held === undefined || held.frames === 0) return;
  yield { sampleRate, channels: fadedOut(held.take(held.frames), fadeOut) } satisfies PcmChunk;
}

/** Rises from 0 towards 1 over `length` frames: 0.5 − 0.5·cos(π·i / length). */
function riseGain(i: number, length: number): number {
  return 0.5 - 0.5 * Math.cos((Math.PI * i) / length);
}

/** A copy of the chunk with the fade-in applied; `position` is the chunk's first frame index. */
function fadedIn(channels: Float32Array[], position: number, length: number): Float32Array[] {
  return channels.map((channel) => {
    const out = channel.slice();
    const end = Math.min(out.length, length - position);
    for (let i = 0; i < end; i += 1) out[i]! *= riseGain(position + i, length);
    return out;
  });
}

/**
 * A copy of the last frames with the fade-out applied: the final frame gets gain 0 and the
 * frame `length` from the end would get 1, so the curve meets the unfaded audio smoothly.
 * Fewer frames than `length` (a very short stream) get only the tail of the curve.
 */
function fadedOut(channels: Float32Array[], length: number): Float32Array[] {
  return channels.map((channel) => {
    const out = channel.slice();
    const frames = out.length;
    for (let i = 0; i < frames; i += 1) out[i]! *= riseGain(frames - 1 - i, length);
    return out;
  });
}
