import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { NEW_STORY_DEFAULTS, newStoryGraph } from '../story/new-story';
import { openLibrary, type Library } from './library';

let library: Library;
const later = (hours: number): Date => new Date(Date.now() + hours * 3600_000);

beforeEach(() => {
  library = openLibrary(mkdtempSync(join(tmpdir(), 'talemo-assets-')));
});
afterEach(() => library.close());

function storyUsing(hash: string) {
  const graph = newStoryGraph('With audio');
  graph.stages[1] = { ...graph.stages[1]!, audio: { hash, mime: 'audio/wav' } };
  return library.stories.insert({ ...NEW_STORY_DEFAULTS, title: 'With audio' }, graph);
}

describe('asset store', () => {
  it('should name a file by the SHA-256 of its bytes and store it once', async () => {
    const bytes = new TextEncoder().encode('RIFF fake audio');
    const first = await library.assets.putBytes(bytes, 'audio/wav');
    expect(first.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const second = await library.assets.putBytes(bytes, 'audio/wav');
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.hash).toBe(first.hash);
    expect(readdirSync(join(library.dir, 'assets', first.hash.slice(0, 2)))).toEqual([first.hash]);
    expect((await library.assets.read(first.hash)).data.equals(Buffer.from(bytes))).toBe(true);
    expect(await library.assets.verify(first.hash)).toBe(true);
  });

  it('should count references per story and keep shared assets until the last story goes', async () => {
    const { hash } = await library.assets.putBytes(new Uint8Array([1, 2, 3]), 'audio/wav');
    const a = storyUsing(hash);
    const b = storyUsing(hash);
    expect(library.assets.referenceCount(hash)).toBe(2);
    library.stories.delete(a.id, 1);
    expect(library.assets.collectGarbage({ now: later(2) }).removed).toBe(0);
    library.stories.delete(b.id, 1);
    expect(library.assets.referenceCount(hash)).toBe(0);
    expect(library.assets.collectGarbage({ now: later(2) })).toEqual({ removed: 1, bytesFreed: 3 });
    expect(existsSync(library.assets.path(hash))).toBe(false);
    expect(library.assets.get(hash)).toBeNull();
  });

  it('should keep a fresh unreferenced asset: an import may be about to use it', async () => {
    const { hash } = await library.assets.putBytes(new Uint8Array([9]), 'image/png');
    expect(library.assets.collectGarbage().removed).toBe(0);
    expect(existsSync(library.assets.path(hash))).toBe(true);
  });

  it('should remove stray files a crash left behind, but only once they are old', () => {
    const stray = join(library.dir, 'assets', 'ab', 'ab'.padEnd(64, '0'));
    mkdirSync(join(library.dir, 'assets', 'ab'), { recursive: true });
    writeFileSync(stray, 'half-written');
    const tempFile = library.assets.tempPath('import');
    writeFileSync(tempFile, 'staging');
    expect(library.assets.collectGarbage().removed).toBe(0);
    const old = new Date(Date.now() - 3 * 3600_000);
    utimesSync(stray, old, old);
    utimesSync(tempFile, old, old);
    expect(library.assets.collectGarbage().removed).toBe(1);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(tempFile)).toBe(false);
  });

  it('should notice a stored file that was corrupted on disk', async () => {
    const { hash } = await library.assets.putBytes(new Uint8Array([4, 5, 6]), 'audio/wav');
    writeFileSync(library.assets.path(hash), 'tampered');
    expect(await library.assets.verify(hash)).toBe(false);
  });
});
