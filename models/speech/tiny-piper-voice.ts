/**
 * For tests: a real, tiny Piper voice made on the spot. No Piper voice can be downloaded in CI,
 * so the test writes an ONNX model by hand (a few protobuf fields, encoded below) with Piper's
 * inputs and output, plus its `.onnx.json`. The model "speaks" its input back: the output audio
 * is the phoneme ids as floats, then input_lengths, the three scales and (multi-speaker) the
 * speaker id, so a test can read from the WAV exactly what our code fed the model.
 *
 *   output = Reshape(Concat(Reshape(Cast(input), [-1]), Cast(input_lengths), scales[, Cast(sid)]), [1, 1, -1])
 *
 * Protobuf field numbers are those of onnx/onnx.proto (ModelProto, GraphProto, NodeProto, …).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Bytes = number[];

function varint(value: number | bigint): Bytes {
  // int64 fields are two's complement on 64 bits, so a negative number takes ten bytes.
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: Bytes = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0n);
  return bytes;
}

const intField = (field: number, value: number): Bytes => [...varint(field << 3), ...varint(value)];

function bytesField(field: number, content: Bytes | Uint8Array): Bytes {
  return [...varint((field << 3) | 2), ...varint(content.length), ...content];
}

const stringField = (field: number, text: string): Bytes => bytesField(field, [...Buffer.from(text, 'utf8')]);

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

function node(opType: string, inputs: string[], output: string, attributes: Bytes[] = []): Bytes {
  return bytesField(1, [
    ...inputs.flatMap((input) => stringField(1, input)),
    ...stringField(2, output),
    ...stringField(3, `${opType}_${output}`),
    ...stringField(4, opType),
    ...attributes.flatMap((attribute) => bytesField(5, attribute)),
  ]);
}

const intAttribute = (name: string, value: number): Bytes => [
  ...stringField(1, name),
  ...intField(3, value),
  ...intField(20, ATTRIBUTE_INT),
];

function int64Initializer(name: string, values: number[]): Bytes {
  const raw = Buffer.alloc(values.length * 8);
  values.forEach((value, index) => raw.writeBigInt64LE(BigInt(value), index * 8));
  return bytesField(5, [
    ...intField(1, values.length),
    ...intField(2, INT64),
    ...stringField(8, name),
    ...bytesField(9, raw),
  ]);
}

/** A graph input or output: name, element type, and dims (a number, or a name for a free dim). */
function valueInfo(field: number, name: string, elementType: number, dims: Array<number | string>): Bytes {
  const shape = dims.flatMap((dim) =>
    bytesField(1, typeof dim === 'number' ? intField(1, dim) : stringField(2, dim)),
  );
  const tensorType = [...intField(1, elementType), ...bytesField(2, shape)];
  return bytesField(field, [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))]);
}

/** The ONNX model bytes; with `multiSpeaker`, it also takes `sid` and echoes it last. */
export function tinyPiperModel(multiSpeaker = false): Uint8Array {
  const parts = ['ids_flat', 'lengths_f', 'scales', ...(multiSpeaker ? ['sid_f'] : [])];
  const graph = [
    ...node('Cast', ['input'], 'input_f', [intAttribute('to', FLOAT)]),
    ...node('Reshape', ['input_f', 'flat_shape'], 'ids_flat'),
    ...node('Cast', ['input_lengths'], 'lengths_f', [intAttribute('to', FLOAT)]),
    ...(multiSpeaker ? node('Cast', ['sid'], 'sid_f', [intAttribute('to', FLOAT)]) : []),
    ...node('Concat', parts, 'joined', [intAttribute('axis', 0)]),
    ...node('Reshape', ['joined', 'out_shape'], 'output'),
    ...stringField(2, 'tiny-piper'),
    ...int64Initializer('flat_shape', [-1]),
    ...int64Initializer('out_shape', [1, 1, -1]),
    ...valueInfo(11, 'input', INT64, [1, 'phonemes']),
    ...valueInfo(11, 'input_lengths', INT64, [1]),
    ...valueInfo(11, 'scales', FLOAT, [3]),
    ...(multiSpeaker ? valueInfo(11, 'sid', INT64, [1]) : []),
    ...valueInfo(12, 'output', FLOAT, [1, 1, 'samples']),
  ];
  const model = [
    ...intField(1, 8), // ir_version
    ...stringField(2, 'talemo-test'),
    ...bytesField(7, graph),
    ...bytesField(8, [...stringField(1, ''), ...intField(2, 13)]), // opset 13
  ];
  return Uint8Array.from(model);
}

/** The symbols of the test voice, each one code point; its id is its index. */
export const TINY_VOICE_SYMBOLS = [
  '_',
  '^',
  '$',
  ' ',
  '!',
  ',',
  '.',
  ':',
  ';',
  '?',
  '-',
  'a',
  'b',
  'd',
  'e',
  'f',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  's',
  't',
  'u',
  'v',
  'w',
  'y',
  'z',
  'ɑ',
  'ɔ',
  'ə',
  'ɛ',
  'ʁ',
  'ʒ',
  'ɲ',
  'œ',
  'ɐ',
  'ɪ',
  'ʊ',
  'ɜ',
  'ɹ',
  'ð',
  'θ',
  'æ',
  'ʌ',
  'ŋ',
  'ʃ',
  'ɡ',
  'ˈ',
  'ˌ',
  'ː',
  '\u0303',
];

export interface TinyVoiceOptions {
  multiSpeaker?: boolean;
  /** The espeak-ng voice of the config (default `fr`). */
  espeakVoice?: string;
  /** Symbols to leave out of the id map (to see them skipped). */
  without?: string[];
}

/** Writes `<folder>/<name>.onnx` and `.onnx.json`; returns the folder. */
export function writeTinyPiperVoice(folder: string, name: string, options: TinyVoiceOptions = {}): string {
  mkdirSync(folder, { recursive: true });
  const idMap = Object.fromEntries(
    TINY_VOICE_SYMBOLS.map((symbol, id) => [symbol, [id]] as const).filter(
      ([symbol]) => !(options.without ?? []).includes(symbol),
    ),
  );
  const espeakVoice = options.espeakVoice ?? 'fr';
  const config = {
    dataset: 'tiny',
    audio: { sample_rate: 16_000, quality: 'x_low' },
    espeak: { voice: espeakVoice },
    language: { code: espeakVoice, family: espeakVoice.split('-')[0] },
    inference: { noise_scale: 0.667, length_scale: 1.25, noise_w: 0.8 },
    phoneme_type: 'espeak',
    phoneme_id_map: idMap,
    num_symbols: TINY_VOICE_SYMBOLS.length,
    num_speakers: options.multiSpeaker ? 4 : 1,
    piper_version: '1.0.0',
  };
  writeFileSync(join(folder, `${name}.onnx`), tinyPiperModel(options.multiSpeaker));
  writeFileSync(join(folder, `${name}.onnx.json`), JSON.stringify(config, null, 2));
  return folder;
}
