/**
 * How contract values travel over HTTP. JSON cannot carry bytes without base64 (a third
 * larger, and slow for a 100 MB pack), so byte arrays ride after the JSON as raw bytes:
 *
 *   [u32 LE: JSON length][JSON, with {"$talemoBytes": [offset, length]} for each array][bytes]
 *
 * The same framing runs in the browser and in Node (no Buffer, no node: imports).
 */
const BYTES_KEY = '$talemoBytes';
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export function encodeWire(value: unknown): Uint8Array {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  // Why a function and this[key]: JSON.stringify calls a Buffer's toJSON before the replacer
  // sees it, so the replacer must look at the holder's original value.
  const json = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, converted: unknown) {
      const item = this[key] ?? converted;
      if (item instanceof Uint8Array) {
        chunks.push(item);
        const ref = { [BYTES_KEY]: [offset, item.byteLength] };
        offset += item.byteLength;
        return ref;
      }
      return converted;
    },
  );
  const jsonBytes = new TextEncoder().encode(json ?? 'null');
  const out = new Uint8Array(4 + jsonBytes.byteLength + offset);
  new DataView(out.buffer).setUint32(0, jsonBytes.byteLength, true);
  out.set(jsonBytes, 4);
  let at = 4 + jsonBytes.byteLength;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export class WireFormatError extends Error {}

export function decodeWire(message: Uint8Array): unknown {
  if (message.byteLength < 4) throw new WireFormatError('message too short');
  const jsonLength = new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(0, true);
  if (jsonLength > MAX_JSON_BYTES || 4 + jsonLength > message.byteLength) {
    throw new WireFormatError('message JSON length is out of bounds');
  }
  const json = new TextDecoder('utf-8', { fatal: true }).decode(message.subarray(4, 4 + jsonLength));
  const attachments = message.subarray(4 + jsonLength);
  return JSON.parse(json, (_key, item: unknown) => {
    if (item && typeof item === 'object' && BYTES_KEY in item) {
      const ref = (item as Record<string, unknown>)[BYTES_KEY];
      if (!Array.isArray(ref) || ref.length !== 2 || !ref.every(Number.isSafeInteger)) {
        throw new WireFormatError('malformed byte reference');
      }
      const [start, length] = ref as [number, number];
      if (start < 0 || length < 0 || start + length > attachments.byteLength) {
        throw new WireFormatError('byte reference is out of bounds');
      }
      // Why a copy: the caller may keep it after the request buffer is reused.
      return attachments.slice(start, start + length);
    }
    return item;
  });
}
