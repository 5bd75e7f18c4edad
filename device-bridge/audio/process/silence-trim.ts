/**
 * Trims leading and trailing silence, streaming. Audio is judged in short windows (10 ms): a
 * window is sound when the RMS of its loudest channel is above the threshold (−50 dBFS).
 * A little silence is kept before the first sound and after the last, so that soft onsets and
 * decays are not clipped.
 *
 * Memory: before the first sound only `keepBeforeMs` is held; after it, only the current run
 * of silence (it is trailing silence if the stream ends during it, and is released unchanged
 * if sound follows). A stream that is silent throughout comes out empty.
 */
import type { PcmChunk, PcmStream } from '../pcm';
import { checkOption } from './audio-process-error';
import { checkedPcm } from './checked-pcm';
import { ChunkOutput } from './chunk-output';
import { FrameQueue } from './frame-queue';

export interface SilenceTrimOptions {
  thresholdDbfs?: number;
  windowMs?: number;
  keepBeforeMs?: number;
  keepAfterMs?: number;
}

const DEFAULTS = { thresholdDbfs: -50, windowMs: 10, keepBeforeMs: 20, keepAfterMs: 50 };

export async function* trimSilence(input: PcmStream, options: SilenceTrimOptions = {}): PcmStream {
  const settings = { ...DEFAULTS, ...options };
  checkOption('trimSilence', 'thresholdDbfs', settings.thresholdDbfs, -150, 0);
  checkOption('trimSilence', 'windowMs', settings.windowMs, 0.1, 1000);
  checkOption('trimSilence', 'keepBeforeMs', settings.keepBeforeMs, 0, 60_000);
  checkOption('trimSilence', 'keepAfterMs', settings.keepAfterMs, 0, 60_000);
  let trimmer: Trimmer | undefined;
  for await (const chunk of checkedPcm(input, 'trimSilence')) {
    trimmer ??= new Trimmer(chunk.sampleRate, chunk.channels.length, settings);
    yield* trimmer.push(chunk.channels);
  }
  if (trimmer !== undefined) yield* trimmer.finish();
}

class Trimmer {
  private readonly windowFrames: number;
  private readonly keepBefore: number;
  private readonly keepAfter: number;
  /** Mean square a window must exceed to count as sound. */
  private readonly threshold: number;
  private readonly incoming: FrameQueue;
  /** Before the first sound: the pre-roll; after it: the current run of silence. */
  private readonly held: FrameQueue;
  private readonly output: ChunkOutput;
  private heardSound = false;

  constructor(sampleRate: number, channelCount: number, settings: typeof DEFAULTS) {
    const frames = (ms: number): number => Math.round((ms * sampleRate) / 1000);
    this.windowFrames = Math.max(1, frames(settings.windowMs));
    this.keepBefore = frames(settings.keepBeforeMs);
    this.keepAfter = frames(settings.keepAfterMs);
    this.threshold = 10 ** (settings.thresholdDbfs / 10);
    this.incoming = new FrameQueue(channelCount);
    this.held = new FrameQueue(channelCount);
    this.output = new ChunkOutput(sampleRate, channelCount);
  }

  *push(channels: Float32Array[]): Generator<PcmChunk> {
    this.incoming.push(channels);
    while (this.incoming.frames >= this.windowFrames)
      yield* this.judge(this.incoming.take(this.windowFrames));
  }

  *finish(): Generator<PcmChunk> {
    if (this.incoming.frames > 0) yield* this.judge(this.incoming.take(this.incoming.frames));
    if (this.heardSound) yield* this.output.push(this.held.take(this.keepAfter));
    yield* this.output.flush();
  }

  private *judge(window: Float32Array[]): Generator<PcmChunk> {
    if (isSound(window, this.threshold)) {
      this.heardSound = true;
      yield* this.output.pushAll(this.held);
      yield* this.output.push(window);
      return;
    }
    this.held.push(window);
    if (!this.heardSound && this.held.frames > this.keepBefore)
      this.held.drop(this.held.frames - this.keepBefore);
  }
}

function isSound(window: Float32Array[], threshold: number): boolean {
  const frames = window[0]!.length;
  return window.some((channel) => {
    let sum = 0;
    for (let i = 0; i < frames; i += 1) sum += channel[i]! * channel[i]!;
    return sum / frames > threshold;
  });
}
