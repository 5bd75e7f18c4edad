import { describe, expect, it } from 'vitest';

import { FALL_PER_TICK, heldLevel, levelWord, meterLevel, rms } from './sound-level';

/** A sine wave of the given peak amplitude, as an AnalyserNode hands it out. */
function sine(amplitude: number, length = 2048): Float32Array {
  return Float32Array.from(
    { length },
    (_, index) => amplitude * Math.sin((2 * Math.PI * 440 * index) / 48000),
  );
}

describe('the microphone level', () => {
  it('should measure a full-scale sine at its RMS (peak / √2) and silence at zero', () => {
    expect(rms(sine(1, 48000))).toBeCloseTo(Math.SQRT1_2, 3);
    expect(rms(new Float32Array(1024))).toBe(0);
    expect(rms(new Float32Array(0))).toBe(0);
  });

  it('should read on a decibel scale: each tenfold drop in amplitude moves the bar by a third', () => {
    const loud = meterLevel(rms(sine(1)));
    const tenth = meterLevel(rms(sine(0.1)));
    const hundredth = meterLevel(rms(sine(0.01)));
    expect(loud - tenth).toBeCloseTo(1 / 3, 2);
    expect(tenth - hundredth).toBeCloseTo(1 / 3, 2);
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(1e-6)).toBe(0);
    expect(meterLevel(2)).toBe(1);
  });

  it('should hold a short peak and let it fall slowly', () => {
    let shown = heldLevel(0, 0.8);
    expect(shown).toBe(0.8);
    shown = heldLevel(shown, 0);
    expect(shown).toBeCloseTo(0.8 - FALL_PER_TICK);
    for (let tick = 0; tick < 20; tick++) shown = heldLevel(shown, 0);
    expect(shown).toBe(0);
  });

  it('should name how it sounds', () => {
    expect(levelWord(meterLevel(rms(new Float32Array(64))))).toBe('silent');
    expect(levelWord(meterLevel(rms(sine(0.003))))).toBe('quiet');
    expect(levelWord(meterLevel(rms(sine(0.2))))).toBe('good');
    expect(levelWord(meterLevel(rms(sine(1))))).toBe('loud');
  });
});
