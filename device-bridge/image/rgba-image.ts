/** A decoded picture: 8-bit RGBA, rows top to bottom, no padding. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}
