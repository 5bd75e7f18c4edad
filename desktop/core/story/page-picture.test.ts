import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { jpegFile, photoLike, pngFile } from '../../../device-bridge/image/make-test-images';
import { TalemoCore } from '../talemo-core';

describe('a page picture picked by a parent', () => {
  let core: TalemoCore;
  beforeEach(async () => {
    core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-page-picture-')));
  });
  afterEach(() => core.close());

  const firstPage = (id: string) => core.get(id).story.graph.stages[1]!;

  it('should set a PNG or a JPEG on the page, which the box screen then shows, and take it off again', async () => {
    const story = core.create({ title: 'Pictures' });
    const pageId = story.graph.stages[1]!.id;
    const png = pngFile(64, 48, photoLike(64, 48, 7));
    const withPng = await core.setPicture(story.id, pageId, story.version, {
      fileName: 'fox.png',
      data: png,
    });
    expect(withPng.version).toBe(story.version + 1);
    const image = firstPage(story.id).image!;
    expect(image.mime).toBe('image/png');
    expect(Buffer.from((await core.library.assets.read(image.hash)).data).equals(Buffer.from(png))).toBe(
      true,
    );
    expect((await core.devicePicture(story.id, pageId)).kind).toBe('picture');

    const jpeg = jpegFile(80, 60, photoLike(80, 60, 3));
    await core.setPicture(story.id, pageId, withPng.version, { fileName: 'IMG_0001.JPG', data: jpeg });
    expect(firstPage(story.id).image!.mime).toBe('image/jpeg');

    const removed = await core.setPicture(story.id, pageId, withPng.version + 1, null);
    expect(firstPage(removed.id).image).toBeNull();
    expect((await core.devicePicture(story.id, pageId)).kind).toBe('title-card');
  });

  it('should refuse what is not a whole picture, naming the file, and leave the page as it was', async () => {
    const story = core.create({ title: 'Refusals' });
    const pageId = story.graph.stages[1]!.id;
    const png = pngFile(64, 48, photoLike(64, 48, 1));
    const cases = [
      {
        fileName: 'notes.txt',
        data: new TextEncoder().encode('not a picture at all'),
        code: 'invalid-input',
      },
      { fileName: 'empty.png', data: new Uint8Array(0), code: 'invalid-input' },
      { fileName: 'cut.png', data: png.subarray(0, Math.floor(png.length / 2)), code: 'invalid-input' },
    ];
    for (const { fileName, data, code } of cases) {
      const refusal = core.setPicture(story.id, pageId, story.version, { fileName, data });
      await expect(refusal, fileName).rejects.toMatchObject({
        code,
        message: expect.stringContaining(fileName),
      });
    }
    expect(core.get(story.id).story.version).toBe(story.version);
    expect(firstPage(story.id).image).toBeNull();

    await expect(
      core.setPicture(story.id, 'no-such-page', story.version, { fileName: 'fox.png', data: png }),
    ).rejects.toMatchObject({ code: 'not-found' });
    core.update(story.id, story.version, { summary: 'changed elsewhere' });
    await expect(
      core.setPicture(story.id, pageId, story.version, { fileName: 'fox.png', data: png }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});
