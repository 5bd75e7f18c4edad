import { describe, expect, it } from 'vitest';

import { decodeWire, encodeWire } from './wire-codec';

describe('wire codec', () => {
  it('should carry bytes raw beside the JSON and give them back equal', () => {
    const data = new Uint8Array(100_000).map((_, i) => i % 251);
    const message = encodeWire({ fileName: 'pack.zip', data, nested: [{ more: new Uint8Array([1, 2]) }] });
    // Raw bytes, not base64: the message is barely larger than the payload.
    expect(message.byteLength).toBeLessThan(100_200);
    expect(decodeWire(message)).toEqual({
      fileName: 'pack.zip',
      data,
      nested: [{ more: new Uint8Array([1, 2]) }],
    });
  });

  it('should refuse a message whose lengths point outside it', () => {
    const message = encodeWire({ data: new Uint8Array([1, 2, 3]) });
    expect(() => decodeWire(message.subarray(0, message.byteLength - 2))).toThrow(/out of bounds/);
    const lying = new Uint8Array(message);
    new DataView(lying.buffer).setUint32(0, 1_000_000, true);
    expect(() => decodeWire(lying)).toThrow(/out of bounds/);
    expect(() => decodeWire(new Uint8Array([1]))).toThrow(/too short/);
  });
});
