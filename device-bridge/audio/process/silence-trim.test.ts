import { describe, expect, it } from 'vitest';
import { collectPcm, pcmFromArrays } from './pcm-arrays';
import { trimSilence } from './silence-trim';
import { concat, countingStream, randomChunks, seededRandom, sine, toneSegments } from './test-signals';

const RATE = 44_100;
const ms = (n: number): number => Math.round((n * RATE) / 1000);

/** Index of the first sample above `level`, and of the last. */
function soundSpan(samples: Float32Array, level = 1e-3): [number, number] {
  let first = -1;
  let last = -1;
  samples.forEach((v, i) => {
    if (Math.abs(v) > level) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return [first, last];
}

async function trimmed(input: Float32Array, options = {}): Promise<Float32Array> {
  return (
    (await collectPcm(trimSilence(pcmFromArrays(input, RATE), options)))?.channels[0] ?? new Float32Array(0)
  );
}

describe('trimSilence', () => {
  it('trims 2 s of silence before a tone and 3 s after it, keeping about 20 ms before and 50 ms after', async () => {
    const tone = sine(440, 1, RATE, -12);
    const input = concat(new Float32Array(2 * RATE), tone, new Float32Array(3 * RATE));
    const out = await trimmed(input);
    const [first, last] = soundSpan(out);
    // Judged in 10 ms windows, so each edge lands within one window of the ideal.
    expect(first).toBeGreaterThanOrEqual(ms(20));
    expect(first).toBeLessThanOrEqual(ms(31));
    expect(out.length - 1 - last).toBeGreaterThanOrEqual(ms(40));
    expect(out.length - 1 - last).toBeLessThanOrEqual(ms(61));
    // What is kept is one untouched run of the input.
    const start = 2 * RATE + soundSpan(tone)[0] - first;
    expect(Array.from(out)).toEqual(Array.from(input.subarray(start, start + out.length)));
  });

  it('keeps silence between sounds', async () => {
    const beep = sine(600, 0.3, RATE, -20);
    const input = concat(new Float32Array(RATE), beep, new Float32Array(RATE), beep, new Float32Array(RATE));
    const out = await trimmed(input);
    expect(out.length).toBeGreaterThan(2 * beep.length + RATE);
    expect(out.length).toBeLessThan(2 * beep.length + RATE + ms(100));
  });

  it('treats hiss under the threshold as silence, and follows a custom threshold', async () => {
    const random = seededRandom(1);
    const hiss = (seconds: number): Float32Array =>
      Float32Array.from({ length: seconds * RATE }, () => (random() * 2 - 1) * 1e-3); // about -65 dBFS RMS
    const input = concat(hiss(1), sine(440, 0.5, RATE, -30), hiss(1));
    expect((await trimmed(input)).length).toBeLessThan(RATE * 0.6);
    expect((await trimmed(input, { thresholdDbfs: -70 })).length).toBe(input.length);
  });

  it('gives nothing for a stream that is silent throughout', async () => {
    expect((await trimmed(new Float32Array(RATE))).length).toBe(0);
  });

  it('gives the same result for chunks of random sizes as for one big chunk', async () => {
    const left = concat(new Float32Array(RATE / 2), sine(440, 0.7, RATE, -20), new Float32Array(RATE));
    const right = concat(new Float32Array(RATE), sine(880, 0.5, RATE, -20), new Float32Array(ms(700)));
    const whole = await collectPcm(trimSilence(pcmFromArrays([left, right], RATE, left.length)));
    const pieces = await collectPcm(trimSilence(randomChunks([left, right], RATE, 3, 3000)));
    expect(pieces!.channels.map((c) => Array.from(c))).toEqual(whole!.channels.map((c) => Array.from(c)));
    // Sound on either channel counts: the span runs from the left tone's start (0.5 s) to the right one's end (1.5 s).
    expect(whole!.channels[0]!.length).toBeGreaterThan(RATE);
    expect(whole!.channels[0]!.length).toBeLessThan(RATE + ms(100));
  });

  it('streams: sound comes out before the input ends, and only the current silence is held', async () => {
    // One hour of tone: if trimming held the file, the first chunk would come after all of it.
    const { stream, framesRead } = countingStream(
      toneSegments([{ seconds: 3600, peakDbfs: -20 }], { sampleRate: RATE, channelCount: 1 }),
    );
    const iterator = trimSilence(stream)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(framesRead()).toBeLessThanOrEqual(3 * 16_384);
    await iterator.return?.();
  });
});
