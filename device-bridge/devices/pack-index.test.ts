import { describe, expect, it } from 'vitest';

import {
  normalizePackUuid,
  PackIndexError,
  packFolderName,
  parsePackIndex,
  serializePackIndex,
  wholeEntries,
} from './pack-index';

const A = '0b9c3a4e-1f6d-4c1a-9e55-00000000ab12';
const B = 'ffeeddcc-bbaa-4998-8877-665544332211';

describe('pack index (.pi)', () => {
  it('stores each UUID as its 16 bytes in RFC 4122 (big-endian) order, in play order', () => {
    const bytes = serializePackIndex([A, B]);
    expect(bytes.toString('hex')).toBe(
      '0b9c3a4e1f6d4c1a9e5500000000ab12' + 'ffeeddccbbaa49988877665544332211',
    );
    expect(parsePackIndex(bytes)).toEqual([A, B]);
    expect(parsePackIndex(new Uint8Array(0))).toEqual([]);
  });

  it('reads upper-case ids as lower-case canonical ones', () => {
    expect(parsePackIndex(serializePackIndex([A.toUpperCase()]))).toEqual([A]);
    expect(normalizePackUuid(` ${B.toUpperCase()} `)).toBe(B);
  });

  it('refuses a torn index by name, and repair can still read its whole entries', () => {
    const torn = Buffer.concat([serializePackIndex([A, B]), Buffer.from([1, 2, 3])]);
    let caught: unknown;
    try {
      parsePackIndex(torn);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PackIndexError);
    expect((caught as PackIndexError).reason).toBe('bad-length');
    expect((caught as PackIndexError).message).toContain('35 bytes');
    expect(wholeEntries(torn)).toEqual([A, B]);
  });

  it('refuses duplicates and non-UUIDs when writing', () => {
    expect(() => serializePackIndex([A, A.toUpperCase()])).toThrow(/twice/);
    expect(() => serializePackIndex(['not-a-uuid'])).toThrow(PackIndexError);
  });

  it('names the pack folder from the last 8 hex digits, upper case', () => {
    expect(packFolderName(A)).toBe('0000AB12');
    expect(packFolderName(B)).toBe('44332211');
  });
});
