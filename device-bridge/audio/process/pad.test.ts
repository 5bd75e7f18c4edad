import { describe, expect, it } from 'vitest';
import { AudioProcessError } from './audio-process-error';
import { padSilence } from './pad';
import { collectPcm, pcmFromArrays } from './pcm-arrays';

describe('padSilence', () => {
  it('adds silence of the asked length before and after, on every channel', async () => {
    const left = new Float32Array(1000).fill(0.5);
    const right = new Float32Array(1000).fill(-0.5);
    const out = (await collectPcm(
      padSilence(pcmFromArrays([left, right], 44_100), { startMs: 500, endMs: 1000 }),
    ))!;
    expect(out.channels).toHaveLength(2);
    expect(out.channels[0]!.length).toBe(22_050 + 1000 + 44_100);
    expect(out.channels[1]!.subarray(0, 22_050).every((v) => v === 0)).toBe(true);
    expect(out.channels[1]![22_050]).toBe(-0.5);
    expect(out.channels[0]!.subarray(23_050).every((v) => v === 0)).toBe(true);
  });

  it('keeps an empty stream empty, unless told the format', async () => {
    expect(
      await collectPcm(padSilence(pcmFromArrays(new Float32Array(0), 16_000), { startMs: 100 })),
    ).toBeNull();
    const made = await collectPcm(
      padSilence(pcmFromArrays(new Float32Array(0), 16_000), {
        startMs: 100,
        endMs: 50,
        format: { sampleRate: 16_000, channelCount: 1 },
      }),
    );
    expect(made!.channels[0]!.length).toBe(2400);
  });

  it('refuses a negative length', async () => {
    await expect(
      collectPcm(padSilence(pcmFromArrays(new Float32Array(5), 16_000), { startMs: -1 })),
    ).rejects.toThrow(AudioProcessError);
  });
});
