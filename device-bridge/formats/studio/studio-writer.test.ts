import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';

import { STORY_CONTROLS } from '../../pack/story-graph';
import { StudioPackError } from './studio-pack-error';
import { writeStudioZip, writeStudioZipToBuffer, type StudioWriteInput } from './studio-writer';
import { assetStore, branchingGraph, MEDIA, sha1, sha256, tinyMp3 } from './test-fixtures';

async function zipContents(zip: Uint8Array): Promise<Map<string, Buffer>> {
  const file = await yauzl.fromBufferPromise(Buffer.from(zip));
  const contents = new Map<string, Buffer>();
  for await (const entry of file.eachEntry()) {
    const chunks: Buffer[] = [];
    if (!entry.fileName.endsWith('/'))
      for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk);
    contents.set(entry.fileName, Buffer.concat(chunks));
  }
  return contents;
}

describe('writeStudioZip', () => {
  let dir: string;
  let input: StudioWriteInput;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talemo-studio-write-'));
    input = {
      graph: branchingGraph(),
      title: 'Pip',
      description: '',
      packVersion: 1,
      nightMode: false,
      thumbnail: { hash: sha256(MEDIA.coverImage) },
      assetPath: assetStore(join(dir, 'store'), Object.values(MEDIA)),
    };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should lay the zip out as STUdio does: story.json, assets/ named by SHA-1, cover first with squareOne', async () => {
    const graph = branchingGraph();
    graph.stages.reverse();
    const contents = await zipContents(await writeStudioZipToBuffer({ ...input, graph }));

    const assetNames = [...new Set(Object.values(MEDIA))].map(
      (bytes) =>
        `assets/${sha1(bytes)}.${bytes === MEDIA.leftAudio ? 'wav' : bytes[0] === 0x89 ? 'png' : 'mp3'}`,
    );
    expect([...contents.keys()]).toEqual([
      'story.json',
      'talemo.json',
      'thumbnail.png',
      'assets/',
      ...assetNames.sort(),
    ]);
    for (const bytes of Object.values(MEDIA)) {
      const name = assetNames.find((candidate) => candidate.includes(sha1(bytes)))!;
      expect(contents.get(name)!.equals(bytes)).toBe(true);
    }
    expect(contents.get('thumbnail.png')!.equals(MEDIA.coverImage)).toBe(true);

    const story = JSON.parse(contents.get('story.json')!.toString('utf8'));
    expect(Object.keys(story)).toEqual([
      'format',
      'title',
      'description',
      'version',
      'nightModeAvailable',
      'stageNodes',
      'actionNodes',
    ]);
    expect(story.stageNodes[0]).toMatchObject({ uuid: graph.coverId, squareOne: true });
    expect(Object.keys(story.stageNodes[0])).toEqual([
      'uuid',
      'name',
      'type',
      'position',
      'squareOne',
      'image',
      'audio',
      'okTransition',
      'homeTransition',
      'controlSettings',
    ]);
    expect(story.stageNodes.filter((node: { squareOne?: boolean }) => node.squareOne)).toHaveLength(1);
  });

  it('should write the same bytes every time, whatever the clock and file dates say', async () => {
    const first = await writeStudioZipToBuffer(input);
    const later = new Date('2031-07-14T15:26:53Z');
    for (const bytes of Object.values(MEDIA)) utimesSync(input.assetPath(sha256(bytes)), later, later);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(later);
    try {
      expect(Buffer.from(await writeStudioZipToBuffer(input)).equals(Buffer.from(first))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('should leave neither the zip nor a partial file when cancelled while writing', async () => {
    const long = tinyMp3(6, 5000);
    const graph = branchingGraph();
    graph.stages[4]!.audio = { hash: sha256(long), mime: 'audio/mpeg' };
    const assetPath = assetStore(join(dir, 'store'), [long]);
    const out = join(dir, 'out');
    mkdirSync(out);
    const controller = new AbortController();

    const writing = writeStudioZip({ ...input, graph, assetPath }, join(out, 'pack.zip'), {
      signal: controller.signal,
      // Why past half: each asset is read twice, so this is while the zip itself is written.
      onProgress: (done, total) => {
        if (done > total * 0.75) controller.abort();
      },
    });

    await expect(writing).rejects.toMatchObject({ reason: 'cancelled' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('should name the node whose asset is missing from the library, and write nothing', async () => {
    const graph = branchingGraph();
    graph.stages.push({
      id: 'orphan',
      name: 'Lost page',
      text: '',
      image: null,
      audio: { hash: sha256(tinyMp3(99)), mime: 'audio/mpeg' },
      controls: STORY_CONTROLS,
      ok: null,
      home: null,
      end: true,
    });
    const destination = join(dir, 'pack.zip');

    const error = await writeStudioZip({ ...input, graph }, destination).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(StudioPackError);
    expect(error).toMatchObject({ reason: 'missing-asset', message: expect.stringContaining('"Lost page"') });
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(`${destination}.part`)).toBe(false);
  });

  it('should refuse an asset whose bytes changed on disk since they were stored', async () => {
    writeFileSync(input.assetPath(sha256(MEDIA.epilogueAudio)), tinyMp3(42));

    await expect(writeStudioZipToBuffer(input)).rejects.toMatchObject({
      reason: 'corrupt',
      message: expect.stringContaining('"Goodnight"'),
    });
  });
});
