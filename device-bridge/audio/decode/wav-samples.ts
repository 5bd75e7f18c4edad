/** Converts interleaved WAV sample bytes to planar float, one function per sample layout. */
import type { WavLayout } from './wav-header.js';

type Reader = (view: DataView, at: number) => number;

// Integer samples are scaled by 2^(bits-1) so full scale maps to [-1, 1); 8-bit WAV is unsigned.
const READERS: Record<string, Reader> = {
  int8: (view, at) => (view.getUint8(at) - 128) / 128,
  int16: (view, at) => view.getInt16(at, true) / 32768,
  int24: (view, at) => (((view.getUint8(at + 2) << 24) >> 8) | view.getUint16(at, true)) / 8388608,
  int32: (view, at) => view.getInt32(at, true) / 2147483648,
  float32: (view, at) => view.getFloat32(at, true),
  float64: (view, at) => view.getFloat64(at, true),
};

export function wavSampleReader(layout: WavLayout): Reader {
  return READERS[`${layout.sampleFormat}${layout.containerBits}`]!;
}

/** Planar floats for the whole frames in `bytes` (its length must be a multiple of blockAlign). */
export function deinterleaveWav(bytes: Uint8Array, layout: WavLayout, read: Reader): Float32Array[] {
  const frames = bytes.byteLength / layout.blockAlign;
  const step = layout.containerBits / 8;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const planes: Float32Array[] = [];
  for (let c = 0; c < layout.channels; c += 1) {
    const plane = new Float32Array(frames);
    for (let f = 0, at = c * step; f < frames; f += 1, at += layout.blockAlign) {
      plane[f] = read(view, at);
    }
    planes.push(plane);
  }
  return planes;
}
