import { describe, expect, it } from 'vitest';

import { oggCrcUpdate, oggPageCrc } from './ogg-crc.js';

describe('Ogg CRC-32', () => {
  it('matches the published check value of the non-reflected 0x04C11DB7 CRC', () => {
    // CRC-32/CKSUM's check for "123456789" is 0x765E7680 after a final xor with
    // 0xFFFFFFFF; Ogg's variant has no final xor, so it gives the complement.
    const digits = new TextEncoder().encode('123456789');
    expect(oggCrcUpdate(0, digits)).toBe((0x765e7680 ^ 0xffffffff) >>> 0);
  });

  it('is the same whether computed in one go or in pieces', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) & 0xff);
    const whole = oggCrcUpdate(0, bytes);
    const pieces = oggCrcUpdate(oggCrcUpdate(0, bytes.subarray(0, 333)), bytes.subarray(333));
    expect(pieces).toBe(whole);
  });

  it('ignores whatever the CRC field of a page holds', () => {
    const page = Uint8Array.from({ length: 60 }, (_, i) => i);
    const before = oggPageCrc(page);
    page.set([1, 2, 3, 4], 22);
    expect(oggPageCrc(page)).toBe(before);
    page[40] = page[40]! ^ 0x10;
    expect(oggPageCrc(page)).not.toBe(before);
  });
});
