import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { validateGraph } from '../../pack/graph-validation';
import { graphAssetHashes } from '../../pack/story-graph';
import { readStudioZip } from './studio-reader';
import { writeStudioZip, writeStudioZipToBuffer, type StudioWriteInput } from './studio-writer';
import { assetStore, branchingGraph, MEDIA, sha256 } from './test-fixtures';

describe('STUdio round trip', () => {
  let dir: string;
  let input: StudioWriteInput;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talemo-studio-'));
    input = {
      graph: branchingGraph(),
      title: 'Pip and the lantern moth',
      description: 'A short branching story.',
      packVersion: 3,
      nightMode: true,
      story: { language: 'en', ageRange: '4-6', tags: ['moths', 'night'] },
      thumbnail: { hash: sha256(MEDIA.coverImage) },
      assetPath: assetStore(join(dir, 'store'), Object.values(MEDIA)),
    };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should read back the graph, metadata and byte-identical assets, and write the same zip again', async () => {
    expect(validateGraph(input.graph)).toEqual([]);
    const zip = await writeStudioZipToBuffer(input);

    const pack = await readStudioZip(zip, { stagingDir: join(dir, 'staging') });

    expect(pack.graph).toEqual(input.graph);
    expect(pack).toMatchObject({
      title: input.title,
      description: input.description,
      packVersion: 3,
      nightMode: true,
      story: input.story,
    });
    expect(pack.assets.map((asset) => asset.sha256).sort()).toEqual(graphAssetHashes(input.graph).sort());
    for (const asset of pack.assets) {
      const original = readFileSync(input.assetPath(asset.sha256));
      expect(readFileSync(asset.path).equals(original)).toBe(true);
      expect(asset.size).toBe(original.byteLength);
    }
    expect(pack.thumbnail).toMatchObject({ sha256: sha256(MEDIA.coverImage), mime: 'image/png' });

    const again = await writeStudioZipToBuffer({
      graph: pack.graph,
      title: pack.title!,
      description: pack.description!,
      packVersion: pack.packVersion,
      nightMode: pack.nightMode,
      story: pack.story,
      thumbnail: { hash: pack.thumbnail!.sha256 },
      assetPath: (hash) => pack.assets.find((asset) => asset.sha256 === hash)!.path,
    });
    expect(Buffer.from(again).equals(Buffer.from(zip))).toBe(true);
  });

  it('should write the same bytes to a file as to a buffer, and read it back from its path', async () => {
    const destination = join(dir, 'pack.zip');
    await writeStudioZip(input, destination);

    expect(readFileSync(destination).equals(Buffer.from(await writeStudioZipToBuffer(input)))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['pack.zip', 'store']);
    const pack = await readStudioZip(destination, { stagingDir: join(dir, 'staging') });
    expect(pack.graph).toEqual(input.graph);
  });

  it('should report progress in bytes up to the total', async () => {
    const writing: Array<[number, number]> = [];
    const zip = await writeStudioZipToBuffer(input, {
      onProgress: (done, total) => writing.push([done, total]),
    });
    const reading: Array<[number, number]> = [];
    await readStudioZip(zip, {
      stagingDir: join(dir, 'staging'),
      onProgress: (done, total) => reading.push([done, total]),
    });

    for (const events of [writing, reading]) {
      const [done, total] = events.at(-1)!;
      expect(done).toBe(total);
      expect(total).toBeGreaterThan(0);
      expect(events.every(([d], i) => i === 0 || d >= events[i - 1]![0])).toBe(true);
    }
  });
});
