import { describe, expect, it } from 'vitest';
import { collectPcm, pcmFromArrays, prepareNarration } from './chain';
import { measureLoudness } from './loudness-meter';
import { normaliseLoudness } from './normalise';
import { concat, sine, speechLike } from './test-signals';

describe('prepareNarration', () => {
  it('turns a 16 kHz stereo recording with silences into trimmed, faded, padded 44.1 kHz mono', async () => {
    const rate = 16_000;
    const voice = speechLike(2, rate, { level: 0.2 });
    const left = concat(new Float32Array(rate), voice, new Float32Array(2 * rate));
    const right = left.map((v) => v * 0.5);
    const out = (await collectPcm(
      prepareNarration(pcmFromArrays([left, right], rate), { pad: { startMs: 300, endMs: 500 } }),
    ))!;
    expect(out.sampleRate).toBe(44_100);
    expect(out.channels).toHaveLength(1);
    const seconds = out.channels[0]!.length / 44_100;
    // 2 s of voice (its own pause included), ~70 ms kept around it, 0.8 s of padding.
    expect(seconds).toBeGreaterThan(2.8);
    expect(seconds).toBeLessThan(2.95);
    const samples = out.channels[0]!;
    expect(samples.subarray(0, Math.round(0.29 * 44_100)).every((v) => Math.abs(v) < 1e-4)).toBe(true);
    expect(Math.abs(samples[samples.length - 1]!)).toBeLessThan(1e-4);
  });

  it('feeds the normaliser as a re-readable source, to -14 LUFS at 44.1 kHz', async () => {
    const rate = 22_050;
    const recording = concat(
      new Float32Array(rate),
      speechLike(6, rate, { level: 0.05 }),
      sine(300, 0.5, rate, -40),
    );
    const run = await normaliseLoudness(() => prepareNarration(pcmFromArrays(recording, rate)));
    const result = await measureLoudness(run.pcm);
    expect(Math.abs(result.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(result.truePeakDbtp).toBeLessThanOrEqual(-1);
  });
});
