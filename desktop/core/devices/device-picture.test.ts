import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { pngFile } from '../../../device-bridge/image/make-test-images';
import { TalemoCore } from '../talemo-core';

function pixels(png: Uint8Array): {
  width: number;
  height: number;
  colours: Set<number>;
  at: (x: number, y: number) => number;
} {
  const image = PNG.sync.read(Buffer.from(png));
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    colours.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!);
  }
  const at = (x: number, y: number): number => {
    const i = (y * image.width + x) * 4;
    return (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
  };
  return { width: image.width, height: image.height, colours, at };
}

/** A wide picture (2:1): red left half, blue right half, so framing and colours can be checked. */
function widePicture(): Uint8Array {
  const width = 400;
  const height = 200;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      rgb.set(x < width / 2 ? [220, 20, 20] : [20, 20, 220], (y * width + x) * 3);
  }
  return pngFile(width, height, rgb);
}

describe('a page as the box screen shows it', () => {
  let core: TalemoCore;
  beforeEach(async () => {
    core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-device-picture-')));
  });
  afterEach(() => core.close());

  it("should show a page's picture at 320×240 in at most 16 colours, letterboxed rather than cropped", async () => {
    const stored = await core.library.assets.putBytes(widePicture(), 'image/png');
    const story = core.create({ title: 'Wide' });
    const graph = structuredClone(story.graph);
    const page = graph.stages[1]!;
    page.image = { hash: stored.hash, mime: 'image/png' };
    core.update(story.id, story.version, { graph });

    const shown = await core.devicePicture(story.id, page.id);
    expect(shown.kind).toBe('picture');
    const image = pixels(shown.data);
    expect([image.width, image.height]).toEqual([320, 240]);
    expect(image.colours.size).toBeLessThanOrEqual(16);
    // 2:1 in a 4:3 screen: 160 rows of picture, 40 black rows above and below; nothing cut off.
    expect(image.at(160, 5)).toBe(0);
    expect(image.at(160, 234)).toBe(0);
    expect((image.at(10, 120) >> 16) & 0xff).toBeGreaterThan(150); // red still at the far left
    expect(image.at(310, 120) & 0xff).toBeGreaterThan(150); // blue still at the far right
  });

  it('should draw a title card for a page without a picture, and keep it as the picture when asked', async () => {
    const story = core.create({ title: 'Le renard' });
    const page = story.graph.stages.find((stage) => !stage.image)!;
    const card = await core.devicePicture(story.id, page.id);
    expect(card.kind).toBe('title-card');
    const image = pixels(card.data);
    expect([image.width, image.height]).toEqual([320, 240]);
    expect(image.colours.size).toBeGreaterThan(2); // a themed background with words on it, not a blank

    const kept = await core.useTitleCard(story.id, page.id, story.version);
    expect(kept.version).toBe(story.version + 1);
    const image2 = kept.graph.stages.find((stage) => stage.id === page.id)!.image!;
    expect(
      Buffer.from((await core.library.assets.read(image2.hash)).data).equals(Buffer.from(card.data)),
    ).toBe(true);
    expect((await core.devicePicture(story.id, page.id)).kind).toBe('picture');
  });

  it('should refuse an unknown page and a stale version with errors that say so', async () => {
    const story = core.create({ title: 'Twice' });
    await expect(core.devicePicture(story.id, 'no-such-page')).rejects.toMatchObject({ code: 'not-found' });
    const page = story.graph.stages[0]!;
    core.update(story.id, story.version, { summary: 'changed elsewhere' });
    await expect(core.useTitleCard(story.id, page.id, story.version)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(core.get(story.id).story.graph.stages[0]!.image).toBeNull();
  });
});
