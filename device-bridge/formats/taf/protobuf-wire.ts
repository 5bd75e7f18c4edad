/**
 * The few pieces of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/)
 * the TAF header needs: varints, length-delimited fields and keys. Written by hand because
 * the header has five fields and a protobuf library would be a large dependency for them.
 * Varints are read as bigint: a uint64 field may hold more than 2^53.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** A malformed protobuf message; the reader's caller turns it into a format error. */
export class ProtobufWireError extends Error {
  override name = 'ProtobufWireError';
}

/** Bytes a varint of this value takes (7 bits per byte). */
export function varintLength(value: number | bigint): number {
  let v = BigInt(value);
  let n = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    n += 1;
  }
  return n;
}

/** Appends protobuf fields to a growing byte list. */
export class ProtobufWriter {
  private readonly bytes: number[] = [];

  varint(value: number | bigint): this {
    let v = BigInt(value);
    if (v < 0n) throw new ProtobufWireError(`varints here are unsigned, got ${value}`);
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }

  key(field: number, wireType: number): this {
    return this.varint((field << 3) | wireType);
  }

  varintField(field: number, value: number | bigint): this {
    return this.key(field, WIRE_VARINT).varint(value);
  }

  bytesField(field: number, data: Uint8Array): this {
    this.key(field, WIRE_LENGTH_DELIMITED).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  /** A packed repeated varint field: one key, the byte length, then the varints. */
  packedVarintField(field: number, values: readonly number[]): this {
    const body = new ProtobufWriter();
    for (const v of values) body.varint(v);
    return this.bytesField(field, body.finish());
  }

  get length(): number {
    return this.bytes.length;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export type WireValue =
  | { wireType: typeof WIRE_VARINT; value: bigint }
  | { wireType: typeof WIRE_LENGTH_DELIMITED; data: Uint8Array }
  | { wireType: typeof WIRE_FIXED64 | typeof WIRE_FIXED32; data: Uint8Array };

export interface WireField {
  field: number;
  /** Offset of the field's key in the message. */
  offset: number;
  value: WireValue;
}

/** Reads a message field by field; every length is checked against what is left. */
export class ProtobufReader {
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  varint(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 70n) throw new ProtobufWireError(`a varint at byte ${this.at} is longer than 10 bytes`);
      const b = this.bytes[this.at];
      if (b === undefined) throw new ProtobufWireError('the message ends inside a varint');
      this.at += 1;
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    if (value >= 1n << 64n) throw new ProtobufWireError('a varint does not fit 64 bits');
    return value;
  }

  field(): WireField {
    const offset = this.at;
    const key = this.varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new ProtobufWireError(`field number 0 at byte ${offset}`);
    switch (wireType) {
      case WIRE_VARINT:
        return { field, offset, value: { wireType, value: this.varint() } };
      case WIRE_LENGTH_DELIMITED: {
        const length = this.varint();
        const left = this.bytes.length - this.at;
        if (length > BigInt(left)) {
          throw new ProtobufWireError(`field ${field} claims ${length} bytes but only ${left} are left`);
        }
        return { field, offset, value: { wireType, data: this.take(Number(length)) } };
      }
      case WIRE_FIXED64:
      case WIRE_FIXED32: {
        const size = wireType === WIRE_FIXED64 ? 8 : 4;
        if (this.bytes.length - this.at < size) throw new ProtobufWireError(`field ${field} is cut short`);
        return { field, offset, value: { wireType, data: this.take(size) } };
      }
      default:
        throw new ProtobufWireError(`field ${field} has wire type ${wireType}, which is not in use`);
    }
  }

  private take(n: number): Uint8Array {
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/** The varints of a packed repeated field's body. */
export function readPackedVarints(data: Uint8Array): bigint[] {
  const reader = new ProtobufReader(data);
  const values: bigint[] = [];
  while (!reader.done) values.push(reader.varint());
  return values;
}
