import { describe, expect, it } from 'vitest';
import { AudioProcessError } from './audio-process-error';
import { downmix } from './downmix';
import { collectPcm, pcmFromArrays } from './pcm-arrays';

describe('downmix', () => {
  it('averages channels to mono', async () => {
    const left = Float32Array.from([1, 0.5, -1]);
    const right = Float32Array.from([0, 0.5, 1]);
    const out = (await collectPcm(downmix(pcmFromArrays([left, right], 8000), 'mono')))!;
    expect(out.channels).toHaveLength(1);
    expect(Array.from(out.channels[0]!)).toEqual([0.5, 0.5, 0]);
  });

  it('duplicates mono to stereo, as separate arrays', async () => {
    const mono = Float32Array.from([0.25, -0.25]);
    const out = (await collectPcm(downmix(pcmFromArrays(mono, 8000), 'stereo')))!;
    expect(out.channels.map((c) => Array.from(c))).toEqual([
      [0.25, -0.25],
      [0.25, -0.25],
    ]);
    expect(out.channels[0]).not.toBe(out.channels[1]);
  });

  it('leaves audio already in the asked layout alone', async () => {
    const chunk = { sampleRate: 8000, channels: [new Float32Array(4)] };
    for await (const out of downmix(
      (async function* () {
        yield chunk;
      })(),
      'mono',
    ))
      expect(out).toBe(chunk);
  });

  it('refuses to guess a stereo mix of surround audio, and refuses mixed streams', async () => {
    const six = Array.from({ length: 6 }, () => new Float32Array(4));
    await expect(collectPcm(downmix(pcmFromArrays(six, 48_000), 'stereo'))).rejects.toThrow(
      AudioProcessError,
    );
    const mixed = (async function* () {
      yield { sampleRate: 48_000, channels: [new Float32Array(4)] };
      yield { sampleRate: 44_100, channels: [new Float32Array(4)] };
    })();
    await expect(collectPcm(downmix(mixed, 'mono'))).rejects.toThrow(/sample rate changed/);
  });
});
