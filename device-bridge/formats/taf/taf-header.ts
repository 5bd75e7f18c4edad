/**
 * The 4096-byte header of a Tonie audio file (research/devices.md §2.2): a big-endian u32
 * giving the protobuf message length (0xFFC), then the message `TonieboxAudioFileHeader`
 * (teddycloud `proto/toniebox.pb.taf-header.proto`), whose `_fill` field pads it so the
 * header ends exactly where the Ogg data starts, at 0x1000.
 *
 * Fields are written in order 1..5 and always, even when zero: proto3 writers (opus2tonie)
 * would skip a zero scalar, but teddycloud's proto2 reader requires fields 1, 2, 3 and 5.
 */
import { TafFormatError, TafInputError } from './taf-errors.js';
import {
  ProtobufReader,
  ProtobufWireError,
  ProtobufWriter,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  readPackedVarints,
  varintLength,
  type WireField,
} from './protobuf-wire.js';

/** Header bytes before the Ogg data. */
export const TAF_HEADER_BYTES = 0x1000;
/** The protobuf message length every known writer aims for: 4096 minus the length field. */
export const TAF_MESSAGE_BYTES = TAF_HEADER_BYTES - 4;
/** teddycloud's `TONIEFILE_MAX_CHAPTERS`. */
export const TAF_MAX_CHAPTERS = 100;
const SHA1_BYTES = 20;

/** Field numbers of `TonieboxAudioFileHeader`. */
export const TAF_FIELD = {
  sha1: 1,
  payloadLength: 2,
  audioId: 3,
  chapters: 4,
  fill: 5,
} as const;

export interface TafHeaderFields {
  /** SHA-1 of the Ogg data (everything after the header). */
  sha1: Uint8Array;
  /** Bytes of Ogg data. */
  payloadLength: number;
  /** The Ogg bitstream serial; teddycloud and the box compare it for freshness. */
  audioId: number;
  /** Where each chapter starts: 4096-byte block indexes (teddycloud) or page numbers (opus2tonie). */
  chapters: number[];
}

export interface TafHeader extends TafHeaderFields {
  /** The big-endian length field: 0xFFC when the header is well formed. */
  messageLength: number;
  fillLength: number;
  /** Field numbers outside 1..5 (teddycloud keeps private fields 6..9 in memory only). */
  otherFields: number[];
  /** Non-zero bytes in the fill or between the message and 0x1000. */
  nonZeroPadding: boolean;
}

/** The whole 4096-byte header for these fields. */
export function encodeTafHeader(fields: TafHeaderFields): Uint8Array {
  checkFields(fields);
  const body = new ProtobufWriter()
    .bytesField(TAF_FIELD.sha1, fields.sha1)
    .varintField(TAF_FIELD.payloadLength, fields.payloadLength)
    .varintField(TAF_FIELD.audioId, fields.audioId);
  if (fields.chapters.length > 0) body.packedVarintField(TAF_FIELD.chapters, fields.chapters);
  const fill = fillLength(body.length);
  const message = body.bytesField(TAF_FIELD.fill, new Uint8Array(fill)).finish();
  const out = new Uint8Array(TAF_HEADER_BYTES);
  new DataView(out.buffer).setUint32(0, message.length, false);
  out.set(message, 4);
  return out;
}

/**
 * The fill length that makes the message exactly 0xFFC bytes. The fill's own length varint
 * grows with the fill, so try each varint size; a total that falls between two sizes has no
 * answer (not reachable with at most 100 chapters, but checked).
 */
function fillLength(fieldsBytes: number): number {
  const key = 1;
  for (let size = 1; size <= 3; size += 1) {
    const fill = TAF_MESSAGE_BYTES - fieldsBytes - key - size;
    if (fill >= 0 && varintLength(fill) === size) return fill;
  }
  throw new TafInputError(`the TAF header fields take ${fieldsBytes} bytes; no fill makes 4092`);
}

function checkFields(fields: TafHeaderFields): void {
  if (fields.sha1.length !== SHA1_BYTES)
    throw new TafInputError(`a SHA-1 is 20 bytes, got ${fields.sha1.length}`);
  if (!Number.isSafeInteger(fields.payloadLength) || fields.payloadLength < 0)
    throw new TafInputError(`payload length must be a whole number of bytes, got ${fields.payloadLength}`);
  if (!isUint32(fields.audioId))
    throw new TafInputError(`the audio id must be a 32-bit unsigned integer, got ${fields.audioId}`);
  const { chapters } = fields;
  if (chapters.length > TAF_MAX_CHAPTERS)
    throw new TafInputError(`a TAF holds at most ${TAF_MAX_CHAPTERS} chapters, got ${chapters.length}`);
  chapters.forEach((c, i) => {
    if (!isUint32(c) || (i === 0 && c !== 0) || (i > 0 && c < chapters[i - 1]!)) {
      throw new TafInputError(`chapters must start at 0 and never go back; got ${chapters.join(', ')}`);
    }
  });
}

const isUint32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/**
 * Parses a header from the first bytes of a file (up to 4096). Throws `TafFormatError`
 * when the bytes are not a TAF header; what is merely unusual is left for the inspector.
 */
export function decodeTafHeader(bytes: Uint8Array): TafHeader {
  if (bytes.length < 4)
    throw new TafFormatError(`a TAF starts with a 4096-byte header; this has ${bytes.length} bytes`);
  const messageLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  if (messageLength === 0 || messageLength > TAF_MESSAGE_BYTES) {
    throw new TafFormatError(
      `not a Tonie audio file: its header length field says ${messageLength} bytes (a TAF header holds 1 to ${TAF_MESSAGE_BYTES})`,
    );
  }
  if (bytes.length < 4 + messageLength)
    throw new TafFormatError(
      `the file ends inside its TAF header (${bytes.length} of ${4 + messageLength} bytes)`,
    );
  const message = bytes.subarray(4, 4 + messageLength);
  const parsed = readMessage(message);
  const rest = bytes.subarray(4 + messageLength, TAF_HEADER_BYTES);
  return {
    ...parsed,
    messageLength,
    nonZeroPadding: parsed.nonZeroPadding || rest.some((b) => b !== 0),
  };
}

function readMessage(message: Uint8Array): Omit<TafHeader, 'messageLength'> {
  const reader = new ProtobufReader(message);
  let sha1: Uint8Array | undefined;
  let payloadLength: number | undefined;
  let audioId: number | undefined;
  let fill: Uint8Array | undefined;
  const chapters: number[] = [];
  const otherFields: number[] = [];
  try {
    while (!reader.done) {
      const f = reader.field();
      switch (f.field) {
        case TAF_FIELD.sha1:
          sha1 = lengthDelimited(f).slice();
          break;
        case TAF_FIELD.payloadLength:
          payloadLength = safeNumber(varint(f), 'payload length');
          break;
        case TAF_FIELD.audioId:
          audioId = uint32(varint(f), 'audio id');
          break;
        case TAF_FIELD.chapters:
          // Packed as written by every known tool, but protobuf readers accept both forms.
          if (f.value.wireType === WIRE_VARINT) chapters.push(uint32(f.value.value, 'chapter'));
          else for (const v of readPackedVarints(lengthDelimited(f))) chapters.push(uint32(v, 'chapter'));
          break;
        case TAF_FIELD.fill:
          fill = lengthDelimited(f);
          break;
        default:
          otherFields.push(f.field);
      }
    }
  } catch (error) {
    if (error instanceof ProtobufWireError)
      throw new TafFormatError(`the TAF header is damaged: ${error.message}`);
    throw error;
  }
  const missing = [
    sha1 === undefined && 'SHA-1 (field 1)',
    payloadLength === undefined && 'payload length (field 2)',
    audioId === undefined && 'audio id (field 3)',
    fill === undefined && 'fill (field 5)',
  ].filter((m): m is string => m !== false);
  if (missing.length > 0) throw new TafFormatError(`the TAF header lacks its ${missing.join(', ')}`);
  if (sha1!.length !== SHA1_BYTES)
    throw new TafFormatError(`the TAF header's SHA-1 is ${sha1!.length} bytes, not 20`);
  return {
    sha1: sha1!,
    payloadLength: payloadLength!,
    audioId: audioId!,
    chapters,
    fillLength: fill!.length,
    otherFields,
    nonZeroPadding: fill!.some((b) => b !== 0),
  };
}

function varint(f: WireField): bigint {
  if (f.value.wireType !== WIRE_VARINT)
    throw new ProtobufWireError(`field ${f.field} should be a varint, has wire type ${f.value.wireType}`);
  return f.value.value;
}

function lengthDelimited(f: WireField): Uint8Array {
  if (f.value.wireType !== WIRE_LENGTH_DELIMITED)
    throw new ProtobufWireError(`field ${f.field} should hold bytes, has wire type ${f.value.wireType}`);
  return f.value.data;
}

function uint32(v: bigint, what: string): number {
  if (v > 0xffffffffn) throw new ProtobufWireError(`the ${what} ${v} does not fit 32 bits`);
  return Number(v);
}

function safeNumber(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ProtobufWireError(`the ${what} ${v} is impossibly large`);
  return Number(v);
}
