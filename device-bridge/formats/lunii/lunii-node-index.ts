/**
 * `ni`, the node index: a 512-byte header, then one 44-byte record per stage node, cover
 * first. Never ciphered. Layout from research/devices.md §1.2 (STUdio `FsStoryPackWriter`,
 * Lunii.QT `get_ni_data`); all integers little-endian.
 */
import type { Controls } from '../../pack/story-graph';
import { LuniiPackError } from './lunii-pack-error';

export const NI_HEADER_SIZE = 0x200;
export const NI_NODE_SIZE = 0x2c;
export const NI_FORMAT_VERSION = 1;

/** A move to an action node: where its options start in `li`, how many, which one (-1: random). */
export interface NiTransition {
  liIndex: number;
  optionCount: number;
  optionIndex: number;
}

export interface NiStage {
  /** Entry in `ri`, or -1 for no image. */
  imageIndex: number;
  /** Entry in `si`, or -1 for no sound (we never write -1; Lunii.QT does). */
  soundIndex: number;
  ok: NiTransition | null;
  home: NiTransition | null;
  controls: Controls;
}

export interface NodeIndex {
  packVersion: number;
  imageCount: number;
  soundCount: number;
  stages: NiStage[];
}

const CONTROL_ORDER = ['wheel', 'ok', 'home', 'pause', 'autoplay'] as const;

export function encodeNodeIndex(index: NodeIndex): Uint8Array {
  const bytes = new Uint8Array(NI_HEADER_SIZE + index.stages.length * NI_NODE_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint16(0x00, NI_FORMAT_VERSION, true);
  view.setUint16(0x02, index.packVersion, true);
  view.setUint32(0x04, NI_HEADER_SIZE, true);
  view.setUint32(0x08, NI_NODE_SIZE, true);
  view.setUint32(0x0c, index.stages.length, true);
  view.setUint32(0x10, index.imageCount, true);
  view.setUint32(0x14, index.soundCount, true);
  // Why 1: STUdio marks packs "factory" so the official Luniistore app does not inspect them.
  bytes[0x18] = 1;
  index.stages.forEach((stage, i) => writeStage(view, NI_HEADER_SIZE + i * NI_NODE_SIZE, stage));
  return bytes;
}

function writeStage(view: DataView, at: number, stage: NiStage): void {
  view.setInt32(at + 0x00, stage.imageIndex, true);
  view.setInt32(at + 0x04, stage.soundIndex, true);
  writeTransition(view, at + 0x08, stage.ok);
  writeTransition(view, at + 0x14, stage.home);
  CONTROL_ORDER.forEach((control, i) =>
    view.setUint16(at + 0x20 + i * 2, stage.controls[control] ? 1 : 0, true),
  );
  view.setUint16(at + 0x2a, 0, true);
}

function writeTransition(view: DataView, at: number, transition: NiTransition | null): void {
  view.setInt32(at, transition?.liIndex ?? -1, true);
  view.setInt32(at + 4, transition?.optionCount ?? -1, true);
  view.setInt32(at + 8, transition?.optionIndex ?? -1, true);
}

export interface DecodedNodeIndex {
  index: NodeIndex;
  /** Oddities that do not stop reading (a control flag that is neither 0 nor 1). */
  problems: string[];
}

/** Reads `ni`, refusing a header or size that does not add up (LuniiPackError 'corrupt'). */
export function decodeNodeIndex(bytes: Uint8Array): DecodedNodeIndex {
  if (bytes.length < NI_HEADER_SIZE) {
    throw corrupt(`it holds ${bytes.length} bytes, less than its ${NI_HEADER_SIZE}-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(0x00, true);
  if (version !== NI_FORMAT_VERSION)
    throw corrupt(`its format version is ${version}, not ${NI_FORMAT_VERSION}`);
  const listOffset = view.getUint32(0x04, true);
  const nodeSize = view.getUint32(0x08, true);
  const count = view.getUint32(0x0c, true);
  if (listOffset !== NI_HEADER_SIZE || nodeSize !== NI_NODE_SIZE) {
    throw corrupt(
      `its node list is at 0x${listOffset.toString(16)} with ${nodeSize}-byte nodes, not 0x200 and 44`,
    );
  }
  if (count === 0) throw corrupt('it lists no stage node (a pack needs at least its cover)');
  const expected = NI_HEADER_SIZE + count * NI_NODE_SIZE;
  if (bytes.length !== expected) {
    throw corrupt(
      `it holds ${bytes.length} bytes, but its ${count} nodes need exactly ${expected} (truncated or padded)`,
    );
  }
  const problems: string[] = [];
  const stages = Array.from({ length: count }, (_, i) => readStage(view, i, problems));
  return {
    index: {
      packVersion: view.getUint16(0x02, true),
      imageCount: view.getUint32(0x10, true),
      soundCount: view.getUint32(0x14, true),
      stages,
    },
    problems,
  };
}

function readStage(view: DataView, i: number, problems: string[]): NiStage {
  const at = NI_HEADER_SIZE + i * NI_NODE_SIZE;
  const controls = {} as Controls;
  CONTROL_ORDER.forEach((control, k) => {
    const value = view.getUint16(at + 0x20 + k * 2, true);
    if (value > 1) problems.push(`ni: node ${i} has ${control} = 0x${value.toString(16)}, not 0 or 1`);
    controls[control] = value !== 0;
  });
  return {
    imageIndex: view.getInt32(at, true),
    soundIndex: view.getInt32(at + 0x04, true),
    ok: readTransition(view, at + 0x08, i, 'OK'),
    home: readTransition(view, at + 0x14, i, 'HOME'),
    controls,
  };
}

function readTransition(view: DataView, at: number, node: number, which: string): NiTransition | null {
  const liIndex = view.getInt32(at, true);
  const optionCount = view.getInt32(at + 4, true);
  const optionIndex = view.getInt32(at + 8, true);
  if (liIndex === -1 && optionCount === -1 && optionIndex === -1) return null;
  if (liIndex < 0 || optionCount < 1 || optionIndex < -1 || optionIndex >= optionCount) {
    throw corrupt(
      `node ${node}'s ${which} transition (li ${liIndex}, ${optionCount} options, option ${optionIndex}) is out of range`,
    );
  }
  return { liIndex, optionCount, optionIndex };
}

function corrupt(why: string): LuniiPackError {
  return new LuniiPackError('corrupt', 'ni', `The node index (ni) is damaged: ${why}.`);
}
