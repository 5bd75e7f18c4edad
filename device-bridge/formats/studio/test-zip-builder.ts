/**
 * Writes raw zip bytes for tests: any entry name, flags, attributes and declared size, all of
 * which yazl rightly refuses to produce. Used only by tests.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface RawZipEntry {
  name: string;
  data?: Uint8Array | string;
  method?: 'store' | 'deflate';
  /** The inflated size the headers claim; the real one when absent. */
  declaredSize?: number;
  flags?: number;
  /** Host in the high byte (3 = Unix), spec version in the low byte. */
  versionMadeBy?: number;
  externalAttributes?: number;
}

const UTF8_NAMES = 0x800;
const DOS_DATE_1980_01_01 = 0x21;

export function buildZip(entries: RawZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data ?? '');
    const method = entry.method === 'deflate' ? 8 : 0;
    const body = method === 8 ? deflateRawSync(data) : data;
    const flags = (entry.flags ?? 0) | UTF8_NAMES;
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.byteLength;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    parts.push(local, name, body);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(entry.versionMadeBy ?? 20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(body.byteLength, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.byteLength, 28);
    record.writeUInt32LE(entry.externalAttributes ?? 0, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += local.byteLength + name.byteLength + body.byteLength;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
