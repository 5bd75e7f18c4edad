import { describe, expect, it } from 'vitest';

import { playedShare, waveformPeaks } from './waveform-peaks';

describe('waveformPeaks', () => {
  it('should show a loud second half as tall bars after flat ones', () => {
    const samples = new Float32Array(1000);
    for (let i = 500; i < 1000; i++) samples[i] = Math.sin(i / 3) * 0.8;
    const peaks = waveformPeaks([samples], 10);
    expect(peaks.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    for (const peak of peaks.slice(5)) expect(peak).toBeGreaterThan(0.7);
  });

  it('should keep a single click visible and take the louder channel', () => {
    const left = new Float32Array(10_000);
    const right = new Float32Array(10_000);
    left[4321] = -0.5;
    right[4321] = 0.9;
    const peaks = waveformPeaks([left, right], 100);
    expect(peaks.filter((peak) => peak > 0)).toHaveLength(1);
    expect(peaks[43]).toBeCloseTo(0.9, 5);
  });

  it('should spread a sound shorter than the bar count without losing samples', () => {
    const peaks = waveformPeaks([new Float32Array([0.1, 0.2, 0.3])], 6);
    expect(peaks).toHaveLength(6);
    expect(Math.max(...peaks)).toBeCloseTo(0.3, 5);
    expect(peaks.filter((peak) => peak > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('should draw silence for an empty sound and refuse a nonsense bar count', () => {
    expect(waveformPeaks([], 4)).toEqual([0, 0, 0, 0]);
    expect(() => waveformPeaks([new Float32Array(4)], 0)).toThrow(/positive integer/);
  });
});

describe('playedShare', () => {
  it('should clamp the playhead inside the sound', () => {
    expect(playedShare(5, 10)).toBe(0.5);
    expect(playedShare(12, 10)).toBe(1);
    expect(playedShare(-1, 10)).toBe(0);
    expect(playedShare(3, Number.NaN)).toBe(0);
  });
});
