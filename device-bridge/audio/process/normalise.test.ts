import { describe, expect, it } from 'vitest';
import type { PcmStream } from '../pcm';
import { AudioProcessError } from './audio-process-error';
import { measureLoudness } from './loudness-meter';
import { normaliseLoudness, type NormaliseOptions } from './normalise';
import { collectPcm, pcmFromArrays } from './pcm-arrays';
import { randomChunks, seededRandom, sine, speechLike } from './test-signals';

const RATE = 44_100;

function clippedSquare(seconds: number, hz: number): Float32Array {
  return sine(hz, seconds, RATE, 20).map((v) => Math.max(-1, Math.min(1, v)));
}

/** Normalises, reads the output to its end, and measures it again independently. */
async function normalise(channels: Float32Array[], options: NormaliseOptions = {}) {
  let reads = 0;
  const source = (): PcmStream => {
    reads += 1;
    return pcmFromArrays(channels, RATE);
  };
  const run = await normaliseLoudness(source, options);
  const output = await collectPcm(run.pcm);
  const report = run.report();
  const remeasured = output === null ? null : await measureLoudness(pcmFromArrays(output.channels, RATE));
  return { report, output, remeasured, reads };
}

describe('loudness normalisation', () => {
  it('brings speech-like noise bursts to -14 LUFS with a plain gain, reading the source twice', async () => {
    const speech = speechLike(20, RATE, { level: 0.02 });
    const { report, output, remeasured, reads } = await normalise([speech]);
    expect(report.limiterEngaged).toBe(false);
    expect(reads).toBe(2);
    expect(report.passes).toBe(2);
    expect(Math.abs(remeasured!.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(remeasured!.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(output!.channels[0]!.length).toBe(speech.length);
    expect(report.gainDb).toBeCloseTo(-14 - report.input.integratedLufs, 6);
  });

  it('raises quiet material by the missing loudness', async () => {
    const { report, remeasured } = await normalise([speechLike(15, RATE, { level: 0.005, seed: 2 })]);
    expect(report.gainDb).toBeGreaterThan(20);
    expect(Math.abs(remeasured!.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
  });

  it('lowers loud material and meets other targets', async () => {
    const { report, remeasured } = await normalise([speechLike(15, RATE, { level: 0.4, seed: 3 })], {
      targetLufs: -23,
    });
    expect(report.gainDb).toBeLessThan(0);
    expect(Math.abs(remeasured!.integratedLufs + 23)).toBeLessThanOrEqual(0.5);
  });

  it('limits peaky speech (sharp plosive transients) under -1 dBTP and still lands within 0.5 LU', async () => {
    const speech = speechLike(30, RATE, { level: 0.01, crestBoost: 8, seed: 4 });
    const { report, remeasured, output } = await normalise([speech]);
    expect(report.limiterEngaged).toBe(true);
    expect(report.maxGainReductionDb).toBeGreaterThan(1);
    expect(remeasured!.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(Math.abs(remeasured!.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(report.output.integratedLufs).toBeCloseTo(remeasured!.integratedLufs, 6);
    expect(output!.channels[0]!.length).toBe(speech.length);
  });

  it('normalises a loud clipped square wave to -14 LUFS (within reach, no limiting)', async () => {
    const { report, remeasured } = await normalise([clippedSquare(10, 220)]);
    expect(report.gainDb).toBeLessThan(-10);
    expect(Math.abs(remeasured!.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(remeasured!.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('limits a clipped square wave pushed beyond the ceiling, and gets as loud as the ceiling allows', async () => {
    // A square's true peak sits ~2.5 dB above its loudness, so -2 LUFS under -1 dBTP is out of reach.
    const square = clippedSquare(10, 220);
    const { report, remeasured } = await normalise([square], { targetLufs: -2 });
    const crest = report.input.truePeakDbtp - report.input.integratedLufs;
    expect(report.limiterEngaged).toBe(true);
    expect(remeasured!.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(remeasured!.integratedLufs).toBeGreaterThan(-1 - crest - 0.5);
    expect(remeasured!.integratedLufs).toBeLessThan(-2);
  });

  it('passes silence through unchanged', async () => {
    const random = seededRandom(8);
    const hiss = Float32Array.from({ length: RATE * 3 }, () => (random() - 0.5) * 2e-4); // about -80 dBFS
    const { report, output } = await normalise([hiss]);
    expect(report.input.integratedLufs).toBe(-Infinity);
    expect(report.gainDb).toBe(0);
    expect(report.limiterEngaged).toBe(false);
    expect(Array.from(output!.channels[0]!)).toEqual(Array.from(hiss));
  });

  it('handles an empty source', async () => {
    const { report, output } = await normalise([new Float32Array(0)]);
    expect(output).toBeNull();
    expect(report.gainDb).toBe(0);
  });

  it('normalises stereo with one gain for both channels', async () => {
    const left = speechLike(10, RATE, { level: 0.02, seed: 5 });
    const right = speechLike(10, RATE, { level: 0.01, seed: 6 });
    const { report, output, remeasured } = await normalise([left, right]);
    expect(Math.abs(remeasured!.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    const gain = 10 ** (report.gainDb / 20);
    expect(output!.channels[1]![RATE]).toBeCloseTo(right[RATE]! * gain, 5);
  });

  it('gives the same audio whether the source comes in random chunks or one piece', async () => {
    const speech = speechLike(12, RATE, { level: 0.01, crestBoost: 8, seed: 7 });
    const whole = await collectPcm(
      (await normaliseLoudness(() => pcmFromArrays(speech, RATE, speech.length))).pcm,
    );
    let seed = 100;
    const pieces = await collectPcm(
      (await normaliseLoudness(() => randomChunks([speech], RATE, (seed += 1)))).pcm,
    );
    expect(pieces!.channels[0]!.length).toBe(whole!.channels[0]!.length);
    let worst = 0;
    whole!.channels[0]!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - pieces!.channels[0]![i]!))));
    expect(worst).toBeLessThan(1e-6);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const speech = speechLike(5, RATE, { level: 0.02 });
    const run = await normaliseLoudness(() => pcmFromArrays(speech, RATE, 4096), {
      signal: controller.signal,
    });
    const reading = (async () => {
      for await (const _chunk of run.pcm) controller.abort();
    })();
    await expect(reading).rejects.toThrow(/abort/i);
  });

  it('refuses a source that gives a different stream on a later reading', async () => {
    const speech = speechLike(5, RATE, { level: 0.02 });
    let reads = 0;
    const shrinking = (): PcmStream => pcmFromArrays(reads++ === 0 ? speech : speech.subarray(RATE), RATE);
    const attempt = async (): Promise<unknown> => collectPcm((await normaliseLoudness(shrinking)).pcm);
    await expect(attempt()).rejects.toThrow(/frames on a later read/);
  });

  it('has no report until the audio has been read, and refuses nonsense options', async () => {
    const run = await normaliseLoudness(() => pcmFromArrays(speechLike(2, RATE), RATE));
    expect(() => run.report()).toThrow(AudioProcessError);
    await expect(
      normaliseLoudness(() => pcmFromArrays(new Float32Array(10), RATE), { targetLufs: 5 }),
    ).rejects.toThrow(/targetLufs/);
  });
});
