import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudioProcessError } from './audio-process-error';
import { biquadPowerGain, kWeightingHighPass, kWeightingShelf } from './k-weighting';
import { createLoudnessMeter, measureLoudness } from './loudness-meter';
import { pcmFromArrays } from './pcm-arrays';
import { concat, parseWav16, randomChunks, sine, toneSegments, withSoftEdges } from './test-signals';

const RATES = [48_000, 44_100, 16_000];

function hasProgram(name: string, versionFlag: string): boolean {
  try {
    execFileSync(name, [versionFlag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('K-weighting', () => {
  it('reproduces the BS.1770-4 48 kHz coefficient table', () => {
    // ITU-R BS.1770-4, Tables 1 and 2.
    const shelf = kWeightingShelf(48_000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 8);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 8);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 8);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 8);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 8);
    const highPass = kWeightingHighPass(48_000);
    expect(highPass.a1).toBeCloseTo(-1.99004745483398, 8);
    expect(highPass.a2).toBeCloseTo(0.99007225036621, 8);
  });

  it.each(RATES)('has the same response at %i Hz (shelf +4 dB high up, high-pass at low end)', (rate) => {
    const db = (hz: number): number =>
      10 *
      Math.log10(
        biquadPowerGain(kWeightingShelf(rate), hz, rate) *
          biquadPowerGain(kWeightingHighPass(rate), hz, rate),
      );
    expect(db(997)).toBeCloseTo(0.691, 1);
    expect(db(6000)).toBeGreaterThan(3.5);
    expect(db(20)).toBeLessThan(-5);
  });
});

describe('integrated loudness', () => {
  it.each(RATES)(
    'reads a 997 Hz sine at -20 dBFS as -23.01 LUFS mono and -20.0 LUFS stereo at %i Hz',
    async (rate) => {
      const tone = sine(997, 5, rate, -20);
      const mono = await measureLoudness(pcmFromArrays(tone, rate));
      const stereo = await measureLoudness(pcmFromArrays([tone, tone], rate));
      expect(mono.integratedLufs).toBeCloseTo(-23.01, 1);
      expect(stereo.integratedLufs).toBeCloseTo(-20.0, 1);
      expect(mono.durationSeconds).toBe(5);
    },
  );

  it('reads a full-scale 997 Hz sine on one channel as -3.01 LUFS', async () => {
    const result = await measureLoudness(pcmFromArrays(sine(997, 3, 48_000, 0), 48_000));
    expect(result.integratedLufs).toBeGreaterThan(-3.11);
    expect(result.integratedLufs).toBeLessThan(-2.91);
  });

  // EBU Tech 3341 (2016), Table 1, cases 1 to 5: stereo 1 kHz sines, expected -23.0 ±0.1 LUFS (case 2: -33).
  const cases: [string, { seconds: number; peakDbfs: number }[], number][] = [
    ['case 1: -23 dBFS, 20 s', [{ seconds: 20, peakDbfs: -23 }], -23],
    ['case 2: -33 dBFS, 20 s', [{ seconds: 20, peakDbfs: -33 }], -33],
    [
      'case 3: -36/-23/-36 dBFS, 10/60/10 s (relative gate)',
      [
        { seconds: 10, peakDbfs: -36 },
        { seconds: 60, peakDbfs: -23 },
        { seconds: 10, peakDbfs: -36 },
      ],
      -23,
    ],
    [
      'case 4: -72/-36/-23/-36/-72 dBFS (absolute and relative gates)',
      [
        { seconds: 10, peakDbfs: -72 },
        { seconds: 10, peakDbfs: -36 },
        { seconds: 60, peakDbfs: -23 },
        { seconds: 10, peakDbfs: -36 },
        { seconds: 10, peakDbfs: -72 },
      ],
      -23,
    ],
    [
      'case 5: -26/-20/-26 dBFS, 20/20.1/20 s',
      [
        { seconds: 20, peakDbfs: -26 },
        { seconds: 20.1, peakDbfs: -20 },
        { seconds: 20, peakDbfs: -26 },
      ],
      -23,
    ],
  ];
  it.each(cases)('EBU Tech 3341 %s at 48 kHz', async (_name, segments, expected) => {
    const result = await measureLoudness(toneSegments(segments, { sampleRate: 48_000, channelCount: 2 }), {
      truePeak: false,
    });
    expect(Math.abs(result.integratedLufs - expected)).toBeLessThanOrEqual(0.1);
  });

  it.each([44_100, 16_000])('EBU Tech 3341 cases 1 and 3 hold at %i Hz', async (rate) => {
    const case1 = await measureLoudness(
      toneSegments([{ seconds: 20, peakDbfs: -23 }], { sampleRate: rate, channelCount: 2 }),
    );
    const case3 = await measureLoudness(
      toneSegments(
        [
          { seconds: 10, peakDbfs: -36 },
          { seconds: 60, peakDbfs: -23 },
          { seconds: 10, peakDbfs: -36 },
        ],
        { sampleRate: rate, channelCount: 2 },
      ),
      { truePeak: false },
    );
    expect(Math.abs(case1.integratedLufs + 23)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(case3.integratedLufs + 23)).toBeLessThanOrEqual(0.1);
  });

  it('ignores silent stretches (gating): tones between long silences read as the tones', async () => {
    const rate = 44_100;
    const tone = sine(997, 20, rate, -20);
    const gapped = concat(
      new Float32Array(rate * 6),
      tone,
      new Float32Array(rate * 8),
      tone,
      new Float32Array(rate * 3),
    );
    const result = await measureLoudness(pcmFromArrays(gapped, rate));
    // Ungated, 17 s of silence in 57 s would pull the reading down by 1.5 LU.
    expect(Math.abs(result.integratedLufs + 23.01)).toBeLessThanOrEqual(0.1);
  });

  it('reads digital silence and an empty stream as -Infinity', async () => {
    const silent = await measureLoudness(pcmFromArrays(new Float32Array(48_000 * 2), 48_000));
    expect(silent.integratedLufs).toBe(-Infinity);
    expect(silent.truePeakDbtp).toBe(-Infinity);
    expect(silent.durationSeconds).toBe(2);
    const empty = await measureLoudness(pcmFromArrays(new Float32Array(0), 48_000));
    expect(empty.integratedLufs).toBe(-Infinity);
    expect(empty.durationSeconds).toBe(0);
  });

  it('measures a clip shorter than one 400 ms block as a single block', async () => {
    const result = await measureLoudness(pcmFromArrays(sine(997, 0.3, 48_000, -20), 48_000));
    expect(result.integratedLufs).toBeCloseTo(-23.0, 0);
  });

  it('weights surround channels by 1.41 in a 5.1 layout, and ignores the LFE', async () => {
    const rate = 48_000;
    const tone = sine(997, 3, rate, -20);
    const silent = new Float32Array(tone.length);
    const front = await measureLoudness(pcmFromArrays([tone, silent, silent, silent, silent, silent], rate));
    const surround = await measureLoudness(
      pcmFromArrays([silent, silent, silent, silent, tone, silent], rate),
    );
    const lfe = await measureLoudness(pcmFromArrays([silent, silent, silent, tone, silent, silent], rate));
    expect(surround.integratedLufs - front.integratedLufs).toBeCloseTo(10 * Math.log10(1.41), 2);
    expect(lfe.integratedLufs).toBe(-Infinity);
  });
});

describe('loudness range (EBU Tech 3342)', () => {
  // Tech 3342 (2016), Table 1, cases 1 to 3: stereo 1 kHz, 20 s at each level; expected ±1 LU.
  it.each([
    [-20, -30, 10],
    [-20, -15, 5],
    [-40, -20, 20],
  ])('reads %i then %i dBFS as %i LU', async (first, second, expected) => {
    const result = await measureLoudness(
      toneSegments(
        [
          { seconds: 20, peakDbfs: first },
          { seconds: 20, peakDbfs: second },
        ],
        { sampleRate: 48_000, channelCount: 2 },
      ),
      { truePeak: false },
    );
    expect(Math.abs(result.loudnessRangeLu - expected)).toBeLessThanOrEqual(1);
  });
});

describe('peaks', () => {
  it.each([48_000, 44_100])(
    'reads +3.01 dBTP for a quarter-rate sine at 45° with 0 dBFS samples at %i Hz',
    async (rate) => {
      // Samples of √2·sin(πn/2 + π/4) are all ±1; the waveform between them reaches √2 (+3.01 dB).
      const tone = withSoftEdges(sine(rate / 4, 1, rate, 20 * Math.log10(Math.SQRT2), Math.PI / 4), 480);
      const result = await measureLoudness(pcmFromArrays(tone, rate));
      expect(result.samplePeakDbfs).toBeCloseTo(0, 3);
      expect(Math.abs(result.truePeakDbtp - 3.01)).toBeLessThan(0.05);
    },
  );

  it('reads a 997 Hz sine at -20 dBFS as -20 dBFS sample peak and -20 dBTP true peak', async () => {
    const result = await measureLoudness(pcmFromArrays(sine(997, 2, 44_100, -20), 44_100));
    expect(result.samplePeakDbfs).toBeCloseTo(-20, 2);
    expect(Math.abs(result.truePeakDbtp + 20)).toBeLessThan(0.02);
  });
});

describe('streaming', () => {
  it('gives the same result for chunks of random sizes as for one big chunk', async () => {
    const rate = 44_100;
    const left = concat(sine(440, 3, rate, -12), new Float32Array(rate), sine(3000, 4, rate, -30));
    const right = concat(sine(660, 5, rate, -18), sine(5000, 3, rate, -6, 0.3));
    const whole = await measureLoudness(pcmFromArrays([left, right], rate, left.length));
    const pieces = await measureLoudness(randomChunks([left, right], rate, 42));
    expect(pieces.integratedLufs).toBeCloseTo(whole.integratedLufs, 9);
    expect(pieces.loudnessRangeLu).toBeCloseTo(whole.loudnessRangeLu, 9);
    expect(pieces.truePeakDbtp).toBeCloseTo(whole.truePeakDbtp, 9);
    expect(pieces.maxMomentaryLufs).toBeCloseTo(whole.maxMomentaryLufs, 9);
  });

  it('refuses a chunk at another sample rate or channel count', () => {
    const meter = createLoudnessMeter(48_000, 1);
    meter.push({ sampleRate: 48_000, channels: [new Float32Array(10)] });
    expect(() => meter.push({ sampleRate: 44_100, channels: [new Float32Array(10)] })).toThrow(
      AudioProcessError,
    );
    expect(() =>
      meter.push({ sampleRate: 48_000, channels: [new Float32Array(10), new Float32Array(10)] }),
    ).toThrow(/channel count/);
  });
});

describe.skipIf(!hasProgram('espeak-ng', '--version') || !hasProgram('ffmpeg', '-version'))(
  'agreement with ffmpeg ebur128 on real speech (needs espeak-ng and ffmpeg; skipped without them)',
  () => {
    it('reads the same integrated loudness and true peak as ffmpeg', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'talemo-loudness-'));
      try {
        const wav = join(dir, 'speech.wav');
        execFileSync('espeak-ng', [
          '-w',
          wav,
          'Once upon a time a little fox counted the stars above the hill.',
        ]);
        // ffmpeg prints its summary on stderr; a shell merges it so that it can be read back.
        const summary = execFileSync(
          'sh',
          [
            '-c',
            `ffmpeg -hide_banner -nostats -i '${wav}' -af ebur128=peak=true -f null - 2>&1 | tail -n 12`,
          ],
          { encoding: 'utf8' },
        );
        const ffmpegLufs = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
        const ffmpegPeak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)?.[1]);
        const { sampleRate, channels } = parseWav16(readFileSync(wav));
        const ours = await measureLoudness(pcmFromArrays(channels, sampleRate));
        expect(Math.abs(ours.integratedLufs - ffmpegLufs)).toBeLessThanOrEqual(0.1);
        expect(Math.abs(ours.truePeakDbtp - ffmpegPeak)).toBeLessThanOrEqual(0.2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
