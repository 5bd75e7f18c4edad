import { describe, expect, it } from 'vitest';

import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../pack/story-graph';
import { studioToGraph } from '../studio/studio-mapping';
import { studioStorySchema } from '../studio/studio-schema';
import { btMatches, computeBt } from './lunii-bt';
import { cipherPackFile, decipherPackFile } from './lunii-file-cipher';
import { decodeListIndex, encodeListIndex } from './lunii-list-index';
import { parseLuniiMetadata } from './lunii-metadata';
import { decodeNodeIndex, encodeNodeIndex, type NodeIndex } from './lunii-node-index';
import { LuniiPackError } from './lunii-pack-error';
import { planLuniiPack } from './lunii-pack-plan';
import { decodeResourceIndex, encodeResourceIndex, resourceFileName } from './lunii-resource-index';
import { goldenPack, hex, toHex } from './reference-fixtures';

const sample: NodeIndex = {
  packVersion: 3,
  imageCount: 2,
  soundCount: 3,
  stages: [
    {
      imageIndex: 0,
      soundIndex: 0,
      ok: { liIndex: 0, optionCount: 2, optionIndex: 1 },
      home: null,
      controls: MENU_CONTROLS,
    },
    {
      imageIndex: -1,
      soundIndex: 2,
      ok: { liIndex: 2, optionCount: 1, optionIndex: -1 },
      home: { liIndex: 0, optionCount: 2, optionIndex: 0 },
      controls: STORY_CONTROLS,
    },
  ],
};

describe('ni', () => {
  it('lays out the header and 44-byte records field by field (devices.md §1.2)', () => {
    const bytes = encodeNodeIndex(sample);
    const view = new DataView(bytes.buffer);
    expect(bytes).toHaveLength(0x200 + 2 * 44);
    expect(view.getUint16(0x00, true)).toBe(1);
    expect(view.getUint16(0x02, true)).toBe(3);
    expect(view.getUint32(0x04, true)).toBe(0x200);
    expect(view.getUint32(0x08, true)).toBe(0x2c);
    expect(view.getUint32(0x0c, true)).toBe(2);
    expect(view.getUint32(0x10, true)).toBe(2);
    expect(view.getUint32(0x14, true)).toBe(3);
    expect(bytes[0x18]).toBe(1);
    expect(bytes.subarray(0x19, 0x200).every((byte) => byte === 0)).toBe(true);

    const node = (i: number, field: number) => view.getInt32(0x200 + i * 44 + field, true);
    const flag = (i: number, field: number) => view.getUint16(0x200 + i * 44 + field, true);
    expect([0x00, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18, 0x1c].map((field) => node(0, field))).toEqual([
      0, 0, 0, 2, 1, -1, -1, -1,
    ]);
    expect([0x20, 0x22, 0x24, 0x26, 0x28, 0x2a].map((field) => flag(0, field))).toEqual([1, 1, 1, 0, 0, 0]);
    expect([0x00, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18, 0x1c].map((field) => node(1, field))).toEqual([
      -1, 2, 2, 1, -1, 0, 2, 0,
    ]);
    expect([0x20, 0x22, 0x24, 0x26, 0x28, 0x2a].map((field) => flag(1, field))).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('decodes what it encodes', () => {
    expect(decodeNodeIndex(encodeNodeIndex(sample))).toEqual({ index: sample, problems: [] });
  });

  it.each([
    ['truncated in a node', (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 3), /truncated/],
    ['truncated in the header', (bytes: Uint8Array) => bytes.subarray(0, 100), /header/],
    ['another format version', (bytes: Uint8Array) => patch(bytes, 0, 2), /format version/],
    ['another node size', (bytes: Uint8Array) => patch(bytes, 8, 40), /44/],
    [
      'a transition past its option count',
      (bytes: Uint8Array) => patchI32(bytes, 0x200 + 0x10, 5),
      /out of range/,
    ],
  ])('refuses ni %s as corrupt', (_, damage, message) => {
    const error = catchPackError(() => decodeNodeIndex(damage(encodeNodeIndex(sample))));
    expect(error.code).toBe('corrupt');
    expect(error.file).toBe('ni');
    expect(error.message).toMatch(message);
  });

  it("notes Lunii.QT's 0xAAAA control filler as a problem", () => {
    const bytes = encodeNodeIndex(sample);
    new DataView(bytes.buffer).setUint16(0x200 + 0x26, 0xaaaa, true);
    expect(decodeNodeIndex(bytes).problems).toEqual([expect.stringMatching(/node 0 has pause = 0xaaaa/)]);
  });
});

describe('li, ri, si', () => {
  it('writes li as i32 entries, padded to 8 bytes', () => {
    expect(toHex(encodeListIndex([1]))).toBe('0100000000000000');
    expect(toHex(encodeListIndex([1, 2, 300]))).toBe('01000000' + '02000000' + '2c010000');
    expect(decodeListIndex(encodeListIndex([5, 0, 7]))).toEqual([5, 0, 7]);
  });

  it('writes ri/si as 12-byte 000\\XXXXXXXX entries with no separator', () => {
    const bytes = encodeResourceIndex([resourceFileName(0), resourceFileName(12)]);
    expect(Buffer.from(bytes).toString('latin1')).toBe('000\\00000000000\\00000012');
    expect(decodeResourceIndex(bytes, 2, 'ri')).toEqual(['rf/000/00000000', 'rf/000/00000012']);
    expect(decodeResourceIndex(bytes, 2, 'si')).toEqual(['sf/000/00000000', 'sf/000/00000012']);
  });

  it('accepts v3 zero padding after the entries, and refuses short or foreign bytes', () => {
    const padded = new Uint8Array(16);
    padded.set(encodeResourceIndex(['0A1B2C3D']));
    expect(decodeResourceIndex(padded, 1, 'ri')).toEqual(['rf/000/0A1B2C3D']);
    expect(catchPackError(() => decodeResourceIndex(padded, 2, 'ri')).message).toMatch(/announces 2 entries/);
    expect(catchPackError(() => decodeResourceIndex(Buffer.from('000/00000000'), 1, 'si')).file).toBe('si');
    expect(() => encodeResourceIndex(['short'])).toThrow(RangeError);
  });
});

describe("Lunii.QT's own pack folders (fixtures/luniiqt-golden-pack.json)", () => {
  const golden = goldenPack();

  it.each(Object.entries(golden.devices))(
    '%s: our ciphers give its li, ri, si and bt byte for byte',
    (_, device) => {
      const keys = parseLuniiMetadata(hex(device.mdHex)).keys;
      const [pack] = Object.values(device.packs);
      for (const name of ['li', 'ri', 'si'] as const) {
        const file = pack![name]!;
        expect(toHex(cipherPackFile(hex(file.plainHex), keys)), name).toBe(file.hex);
        expect(toHex(decipherPackFile(hex(file.hex), keys)), name).toBe(file.plainHex);
      }
      expect(toHex(computeBt(hex(pack!.ri!.hex), keys))).toBe(pack!.bt!.hex);
      expect(btMatches(hex(pack!.bt!.hex), hex(pack!.ri!.hex), keys)).toBe(true);
    },
  );

  it('our plan of its story.json gives its ni and li byte for byte', () => {
    const story = studioStorySchema.parse(golden.storyJson);
    const fakeHash = (name: string) => name.split('.')[0]!.padEnd(64, '0');
    const graph: StoryGraph = studioToGraph(story, {
      image: (name) => ({ hash: fakeHash(name), mime: 'image/png' }),
      audio: (name) => ({ hash: fakeHash(name), mime: 'audio/mpeg' }),
    });
    const plan = planLuniiPack(graph);
    // Lunii.QT, like our compiler, numbers assets by first use, cover first.
    const images = [...new Set(plan.stages.flatMap((stage) => (stage.imageHash ? [stage.imageHash] : [])))];
    const sounds = [...new Set(plan.stages.flatMap((stage) => (stage.audioHash ? [stage.audioHash] : [])))];
    const ni = encodeNodeIndex({
      packVersion: story.version,
      imageCount: images.length,
      soundCount: sounds.length,
      stages: plan.stages.map((stage) => ({
        imageIndex: stage.imageHash ? images.indexOf(stage.imageHash) : -1,
        soundIndex: sounds.indexOf(stage.audioHash!),
        ok: stage.ok,
        home: stage.home,
        controls: stage.stage.controls,
      })),
    });
    const [pack] = Object.values(golden.devices.v2.packs);
    expect(toHex(ni)).toBe(pack!.ni!.hex);
    expect(toHex(encodeListIndex(plan.listIndex))).toBe(pack!.li!.plainHex);
  });
});

function patch(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint16(at, value, true);
  return copy;
}

function patchI32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setInt32(at, value, true);
  return copy;
}

function catchPackError(run: () => unknown): LuniiPackError {
  try {
    run();
  } catch (error) {
    if (error instanceof LuniiPackError) return error;
    throw error;
  }
  throw new Error('expected a LuniiPackError');
}
