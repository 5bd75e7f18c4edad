/**
 * sRGB ↔ OKLab, a colour space where straight-line distance roughly matches how different two
 * colours look, so palette choice and nearest-colour search spend their 16 colours where eyes
 * notice. Matrices are from Björn Ottosson, "A perceptual color space for image processing" (2020).
 */
const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

function toLinear(value: number): number {
  const clamped = Math.min(255, Math.max(0, value));
  const low = Math.floor(clamped);
  if (low === clamped) return SRGB_TO_LINEAR[low] ?? 0;
  const high = SRGB_TO_LINEAR[low + 1] ?? 1;
  return (SRGB_TO_LINEAR[low] ?? 0) * (1 + low - clamped) + high * (clamped - low);
}

function toSrgb(linear: number): number {
  const c = Math.min(1, Math.max(0, linear));
  const encoded = c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(encoded * 255);
}

/** Writes the OKLab of an sRGB colour (0..255 channels, fractions allowed) into out[at..at+2]. */
export function srgbToOklab(
  r: number,
  g: number,
  b: number,
  out: Float64Array | Float32Array,
  at: number,
): void {
  const lr = toLinear(r);
  const lg = toLinear(g);
  const lb = toLinear(b);
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  out[at] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  out[at + 1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  out[at + 2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
}

/** OKLab → 8-bit sRGB, clamped into the sRGB gamut. */
export function oklabToSrgb(lightness: number, a: number, b: number): [number, number, number] {
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    toSrgb(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    toSrgb(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    toSrgb(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  ];
}
