/**
 * A floating-point RGB canvas the title card is painted on, with anti-aliased coverage blending.
 * Painting in floats and rounding once at the end keeps layered shapes from banding.
 */
export type Rgb = readonly [number, number, number];

export interface RgbCanvas {
  width: number;
  height: number;
  /** 0–255 per channel, rows top to bottom. */
  rgb: Float32Array;
}

export function newCanvas(width: number, height: number): RgbCanvas {
  return { width, height, rgb: new Float32Array(width * height * 3) };
}

/** Mixes `colour` into pixel (x, y) by `amount` (0–1). */
export function blend(canvas: RgbCanvas, x: number, y: number, colour: Rgb, amount: number): void {
  if (amount <= 0) return;
  const at = (y * canvas.width + x) * 3;
  const keep = 1 - Math.min(1, amount);
  const take = Math.min(1, amount);
  for (let c = 0; c < 3; c += 1) {
    canvas.rgb[at + c] = (canvas.rgb[at + c] ?? 0) * keep + (colour[c] ?? 0) * take;
  }
}

export function toBytes(canvas: RgbCanvas): Uint8Array {
  const out = new Uint8Array(canvas.rgb.length);
  for (let i = 0; i < out.length; i += 1) {
    const v = canvas.rgb[i] ?? 0;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
  }
  return out;
}

export function hexColour(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
