/**
 * Reads a Lunii pack folder back (from a box, or freshly compiled) and checks it the way
 * Lunii.QT's recovery does (`__valid_story`): every index parses and deciphers, every entry
 * resolves to a file, `bt` binds the pack to this box, indices stay in range, sizes add up.
 *
 * `readLuniiPack` throws a LuniiPackError naming the file for anything that stops the box from
 * playing the pack; lesser oddities are listed in `problems`. `verifyLuniiPack` never throws:
 * the transfer's read-back check and the repair tool ask it for a verdict.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { Controls } from '../../pack/story-graph';
import { btMatches } from './lunii-bt';
import { decipherPackFile } from './lunii-file-cipher';
import type { LuniiKeys } from './lunii-keys';
import { decodeListIndex } from './lunii-list-index';
import { decodeNodeIndex, type NiTransition } from './lunii-node-index';
import { LuniiPackError } from './lunii-pack-error';
import { decodeResourceIndex, looksLikeResourceIndex } from './lunii-resource-index';
import { LUNII_CIPHERED_BYTES, LUNII_GENERIC_KEY, xxteaDecryptLunii } from './lunii-xxtea';

export interface LuniiPackTransition {
  /** Position in `actions`. */
  actionIndex: number;
  /** Where the action's options start in `li`. */
  liIndex: number;
  optionCount: number;
  /** -1: a random option. */
  optionIndex: number;
}

export interface LuniiPackStage {
  /** Absolute paths of the (ciphered) files, or null. */
  imagePath: string | null;
  audioPath: string | null;
  imageIndex: number;
  soundIndex: number;
  controls: Controls;
  ok: LuniiPackTransition | null;
  home: LuniiPackTransition | null;
}

export interface LuniiPackAction {
  liIndex: number;
  /** Stage positions, in wheel order. */
  options: number[];
}

export interface LuniiPackContents {
  folder: string;
  packVersion: number;
  nightMode: boolean;
  /** In `ni` order; stage 0 is the cover. */
  stages: LuniiPackStage[];
  /** The action nodes the stages point to, by their place in `li`. */
  actions: LuniiPackAction[];
  /** Absolute paths of `rf/000/*` and `sf/000/*` files, in index order. */
  images: string[];
  sounds: string[];
  /** Oddities that do not stop the box playing the pack, each naming the file. */
  problems: string[];
}

const BMP_HEADER_BYTES = 0x36;

export async function readLuniiPack(folder: string, keys: LuniiKeys): Promise<LuniiPackContents> {
  const niBytes = await readIndexFile(folder, 'ni');
  const { index, problems } = decodeNodeIndex(niBytes);
  const [liCiphered, riCiphered, siCiphered, bt] = await Promise.all(
    (['li', 'ri', 'si', 'bt'] as const).map((name) => readIndexFile(folder, name)),
  );
  refuseV2PackOnV3(riCiphered!, keys);
  checkCipheredSize('li', liCiphered!, keys, problems);
  checkCipheredSize('ri', riCiphered!, keys, problems);
  checkCipheredSize('si', siCiphered!, keys, problems);

  const riPlain = decipherPackFile(riCiphered!, keys);
  const siPlain = decipherPackFile(siCiphered!, keys);
  checkKeys(index.imageCount > 0 ? { name: 'ri', plain: riPlain } : { name: 'si', plain: siPlain }, keys);
  if (!btMatches(bt!, riCiphered!, keys)) {
    throw new LuniiPackError(
      'wrong-keys',
      'bt',
      'This pack was made for another Lunii: its bt file does not match this box. Install it again from Talemo.',
    );
  }
  const images = decodeResourceIndex(riPlain, index.imageCount, 'ri');
  const sounds = decodeResourceIndex(siPlain, index.soundCount, 'si');
  const li = decodeListIndex(decipherPackFile(liCiphered!, keys));

  const actions = collectActions(index.stages, li, index.stages.length);
  const actionAt = new Map(actions.map((action, i) => [`${action.liIndex}:${action.options.length}`, i]));
  const transition = (link: NiTransition | null): LuniiPackTransition | null =>
    link && { actionIndex: actionAt.get(`${link.liIndex}:${link.optionCount}`)!, ...link };

  const stages = index.stages.map((stage, i): LuniiPackStage => {
    inRange(stage.imageIndex, index.imageCount, `node ${i}'s image`, 'ri');
    inRange(stage.soundIndex, index.soundCount, `node ${i}'s sound`, 'si');
    if (stage.soundIndex === -1)
      problems.push(`ni: node ${i} has no sound; some firmwares stop on such a node`);
    return {
      imagePath: stage.imageIndex >= 0 ? join(folder, images[stage.imageIndex]!) : null,
      audioPath: stage.soundIndex >= 0 ? join(folder, sounds[stage.soundIndex]!) : null,
      imageIndex: stage.imageIndex,
      soundIndex: stage.soundIndex,
      controls: stage.controls,
      ok: transition(stage.ok),
      home: transition(stage.home),
    };
  });
  if (stages[0]!.imagePath === null)
    problems.push('ni: the cover (node 0) has no picture to show in the box menu');

  for (const path of images) await checkAsset(folder, path, keys, 'image', problems);
  for (const path of sounds) await checkAsset(folder, path, keys, 'sound', problems);
  const nightMode = await stat(join(folder, 'nm')).then(
    () => true,
    () => false,
  );
  return {
    folder,
    packVersion: index.packVersion,
    nightMode,
    stages,
    actions,
    images: images.map((path) => join(folder, path)),
    sounds: sounds.map((path) => join(folder, path)),
    problems,
  };
}

export async function verifyLuniiPack(
  folder: string,
  keys: LuniiKeys,
): Promise<{ ok: boolean; problems: string[] }> {
  try {
    const { problems } = await readLuniiPack(folder, keys);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

async function readIndexFile(folder: string, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(join(folder, name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new LuniiPackError('incomplete', name, `The pack is incomplete: its ${name} file is missing.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** v3 pads a short file to whole AES blocks; any other length means the file was cut short. */
function checkCipheredSize(name: string, bytes: Uint8Array, keys: LuniiKeys, problems: string[]): void {
  if (keys.kind === 'v3' && bytes.length < LUNII_CIPHERED_BYTES && bytes.length % 16 !== 0) {
    throw new LuniiPackError(
      'corrupt',
      name,
      `The ${name} file is cut short (${bytes.length} bytes, not whole AES blocks).`,
    );
  }
  if (name === 'li' && bytes.length % 4 !== 0)
    problems.push(`li: ${bytes.length} bytes is not whole 4-byte entries`);
}

/**
 * A v2 pack's `ri` deciphers with the public generic key; finding one under v3 keys means the
 * pack was copied from a v2 box (its lengths would otherwise read as a cut-short v3 file).
 */
function refuseV2PackOnV3(riCiphered: Uint8Array, keys: LuniiKeys): void {
  if (keys.kind !== 'v3') return;
  if (looksLikeResourceIndex(xxteaDecryptLunii(riCiphered, LUNII_GENERIC_KEY))) {
    throw new LuniiPackError(
      'wrong-keys',
      'ri',
      'This pack is ciphered for a Lunii v2, not for this v3 box. Install it again from Talemo.',
    );
  }
}

/** A deciphered index that does not start `000\` was ciphered with other keys (Lunii.QT `__story_check_v3key`). */
function checkKeys(index: { name: 'ri' | 'si'; plain: Uint8Array }, keys: LuniiKeys): void {
  if (index.plain.length > 0 && !looksLikeResourceIndex(index.plain)) {
    throw new LuniiPackError(
      'wrong-keys',
      index.name,
      keys.kind === 'v3'
        ? `This pack was made for another Lunii: its ${index.name} file does not decipher with this box's story key.`
        : `This pack is not ciphered for a v2 Lunii: its ${index.name} file does not decipher with the common key.`,
    );
  }
}

function collectActions(
  stages: { ok: NiTransition | null; home: NiTransition | null }[],
  li: number[],
  stageCount: number,
): LuniiPackAction[] {
  const found = new Map<string, LuniiPackAction>();
  for (const [i, stage] of stages.entries()) {
    for (const link of [stage.ok, stage.home]) {
      if (!link) continue;
      if (link.liIndex + link.optionCount > li.length) {
        throw new LuniiPackError(
          'corrupt',
          'li',
          `The list index (li) is damaged: node ${i} points at entries ${link.liIndex}–${link.liIndex + link.optionCount - 1}, but li has ${li.length}.`,
        );
      }
      const key = `${link.liIndex}:${link.optionCount}`;
      if (found.has(key)) continue;
      const options = li.slice(link.liIndex, link.liIndex + link.optionCount);
      const bad = options.find((stage) => stage < 0 || stage >= stageCount);
      if (bad !== undefined) {
        throw new LuniiPackError(
          'corrupt',
          'li',
          `The list index (li) is damaged: it names node ${bad}, but the pack has ${stageCount}.`,
        );
      }
      found.set(key, { liIndex: link.liIndex, options });
    }
  }
  return [...found.values()].sort((a, b) => a.liIndex - b.liIndex || a.options.length - b.options.length);
}

function inRange(value: number, count: number, what: string, file: 'ri' | 'si'): void {
  if (value < -1 || value >= count) {
    throw new LuniiPackError(
      'corrupt',
      'ni',
      `The node index (ni) is damaged: ${what} is entry ${value} of ${file}, which has ${count}.`,
    );
  }
}

/** The file exists, is not empty, and its deciphered head is a BMP or an MP3 as the box expects. */
async function checkAsset(
  folder: string,
  path: string,
  keys: LuniiKeys,
  kind: 'image' | 'sound',
  problems: string[],
): Promise<void> {
  const head = await readAssetHead(folder, path);
  if (head.size === 0)
    throw new LuniiPackError('incomplete', path, `The pack is incomplete: ${path} is empty.`);
  if (keys.kind === 'v3' && head.size < LUNII_CIPHERED_BYTES && head.size % 16 !== 0) {
    throw new LuniiPackError(
      'corrupt',
      path,
      `${path} is cut short (${head.size} bytes, not whole AES blocks).`,
    );
  }
  const plain = decipherPackFile(head.bytes, keys);
  const issue = kind === 'image' ? bmpIssue(plain, head.size) : mp3Issue(plain);
  if (issue) problems.push(`${path}: ${issue}`);
}

async function readAssetHead(folder: string, path: string): Promise<{ size: number; bytes: Uint8Array }> {
  let handle;
  try {
    handle = await open(join(folder, path), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new LuniiPackError(
        'incomplete',
        path,
        `The pack is incomplete: ${path}, listed in its index, is missing.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(Math.min(size, LUNII_CIPHERED_BYTES));
    await handle.read(bytes, 0, bytes.length, 0);
    return { size, bytes };
  } finally {
    await handle.close();
  }
}

/** The checks STUdio's FS writer makes (devices.md §1.4): 320×240, 4 bits, RLE4. */
function bmpIssue(bytes: Uint8Array, size: number): string | null {
  if (bytes.length < BMP_HEADER_BYTES || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return 'not a BMP picture';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getInt32(18, true);
  const height = view.getInt32(22, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if (width !== 320 || height !== 240) return `${width}×${height}, not 320×240`;
  if (bits !== 4 || compression !== 2)
    return `${bits} bits per pixel with compression ${compression}, not 4-bit RLE4`;
  const declared = view.getUint32(2, true);
  if (declared > size) return `cut short: ${size} bytes of the ${declared} its header declares`;
  return null;
}

function mp3Issue(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33)
    return 'starts with an ID3 tag, which the box does not expect';
  if (bytes[0] !== 0xff || ((bytes[1] ?? 0) & 0xe0) !== 0xe0) return 'does not start with an MP3 frame';
  return null;
}
