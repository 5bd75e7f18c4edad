/**
 * `li`, the list index: the options of every action node, flattened, as i32 stage-node
 * indices. Padded to at least 8 bytes because XXTEA needs two words (Lunii.QT does the same).
 * These functions handle the plain bytes; ciphering is lunii-file-cipher.ts's job.
 */
export const LI_MIN_BYTES = 8;

export function encodeListIndex(stageIndices: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(Math.max(LI_MIN_BYTES, stageIndices.length * 4));
  const view = new DataView(bytes.buffer);
  stageIndices.forEach((stage, i) => view.setInt32(i * 4, stage, true));
  return bytes;
}

/** Every whole word; padding reads as extra zero entries, which ni never points at. */
export function decodeListIndex(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: Math.floor(bytes.length / 4) }, (_, i) => view.getInt32(i * 4, true));
}
