// How a JavaScript value becomes a statement parameter, the same on both engines: pg's own
// encoding (text for strings, numbers, booleans, dates and arrays; JSON for objects; binary for
// Buffers). Statement batches send no parameter types, so the server infers each from its use,
// exactly as pg's own queries do.
import pgUtils from 'pg/lib/utils.js';

export function encodeParameter(value: unknown): string | Buffer | null {
  return pgUtils.prepareValue(value);
}
