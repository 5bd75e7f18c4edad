/**
 * The K-weighting pre-filter of ITU-R BS.1770-4: a high shelf (+4 dB above ~1.7 kHz, the head's
 * acoustic effect) followed by the RLB high-pass (~38 Hz). BS.1770 tabulates coefficients for
 * 48 kHz only; here they are derived for any rate from the analogue prototypes by the bilinear
 * transform with frequency pre-warping, which reproduces the 48 kHz table to about 1e-8.
 */

/** A second-order section, normalised so that a0 = 1. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// Analogue prototype parameters fitted to the BS.1770 48 kHz table. The values are the
// widely published fit used by libebur128 (Brecht De Man's derivation); they are data, not code.
const SHELF_HZ = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_BAND_EXPONENT = 0.4996667741545416;
const HIGHPASS_HZ = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

export function kWeightingShelf(sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * SHELF_HZ) / sampleRate);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_BAND_EXPONENT;
  const a0 = 1 + k / SHELF_Q + k * k;
  return {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
}

/** The RLB high-pass. Its numerator is left as [1, -2, 1], exactly as BS.1770 tabulates it. */
export function kWeightingHighPass(sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * HIGHPASS_HZ) / sampleRate);
  const a0 = 1 + k / HIGHPASS_Q + k * k;
  return {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGHPASS_Q + k * k) / a0,
  };
}

/** Power gain |H(e^jw)|² of a biquad at `hz`: used by tests and to explain readings. */
export function biquadPowerGain(filter: Biquad, hz: number, sampleRate: number): number {
  const w = (2 * Math.PI * hz) / sampleRate;
  const re = (b0: number, b1: number, b2: number): number => b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
  const im = (b1: number, b2: number): number => -b1 * Math.sin(w) - b2 * Math.sin(2 * w);
  const numerator = re(filter.b0, filter.b1, filter.b2) ** 2 + im(filter.b1, filter.b2) ** 2;
  const denominator = re(1, filter.a1, filter.a2) ** 2 + im(filter.a1, filter.a2) ** 2;
  return numerator / denominator;
}
