/**
 * Float samples in [-1, 1] to 16-bit integers, the input both wasm encoders take. Values
 * beyond full scale are clipped here rather than wrapping around in the encoder.
 */

export function toInt16(sample: number): number {
  const scaled = Math.round(sample * 32767);
  return scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
}

/** Copies `count` samples of `src` from `from` into `dst` at `at`, `stride` apart (2 for interleaved stereo). */
export function copyToInt16(
  src: Float32Array,
  from: number,
  count: number,
  dst: Int16Array,
  at: number,
  stride: number,
): void {
  for (let i = 0; i < count; i += 1) dst[at + i * stride] = toInt16(src[from + i]!);
}
