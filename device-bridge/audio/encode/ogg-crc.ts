/**
 * The Ogg page checksum: CRC-32 with polynomial 0x04C11DB7, initial value 0, no bit
 * reflection and no final xor (RFC 3533 §6; libogg's `ogg_page_checksum_set`). It is not
 * the zlib CRC-32, which is reflected, so node:zlib's crc32 cannot stand in for it.
 */

const OGG_CRC_POLY = 0x04c11db7;

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i += 1) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit += 1) r = r & 0x80000000 ? (r << 1) ^ OGG_CRC_POLY : r << 1;
    table[i] = r >>> 0;
  }
  return table;
}

/** Continues `crc` over `bytes`; start with 0 for a fresh page. */
export function oggCrcUpdate(crc: number, bytes: Uint8Array): number {
  let c = crc >>> 0;
  for (let i = 0; i < bytes.length; i += 1) c = ((c << 8) ^ TABLE[((c >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0;
  return c;
}

/** Checksum of a whole page whose CRC field (bytes 22..25) is taken as zero, as the spec asks. */
export function oggPageCrc(page: Uint8Array): number {
  let c = oggCrcUpdate(0, page.subarray(0, 22));
  c = oggCrcUpdate(c, ZERO_CRC_FIELD);
  return oggCrcUpdate(c, page.subarray(26));
}

const ZERO_CRC_FIELD = new Uint8Array(4);
