/** The CLI as a script or an acceptance check runs it: a real process, real files. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('talemo CLI', () => {
  const library = mkdtempSync(join(tmpdir(), 'talemo-cli-'));

  it('should list the seeded examples of a new library as one JSON document', () => {
    const result = talemo('list', '--library', library, '--json');
    expect(result.status).toBe(0);
    const stories = JSON.parse(result.stdout) as { title: string; language: string }[];
    expect(stories.map((story) => story.language).sort()).toEqual(['en', 'fr']);
  });

  it('should search with filters', () => {
    const hits = JSON.parse(talemo('search', 'moth', '--library', library, '--json').stdout) as {
      story: { title: string };
    }[];
    expect(hits.map((hit) => hit.story.title)).toEqual(['Pip and the Lantern Moth']);
    const none = JSON.parse(talemo('search', 'moth', '--lang', 'fr', '--library', library, '--json').stdout);
    expect(none).toEqual([]);
    expect(talemo('search', 'moth', '--library', library).stdout).toMatch(/Pip and the Lantern Moth/);
  });

  it('should export a story and import the zip back', () => {
    const [story] = JSON.parse(talemo('search', 'Lila', '--library', library, '--json').stdout) as {
      story: { id: string };
    }[];
    const out = join(mkdtempSync(join(tmpdir(), 'talemo-out-')), 'lila.zip');
    const exported = talemo('export', story!.story.id, '--out', out, '--library', library, '--json');
    expect(exported.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const other = mkdtempSync(join(tmpdir(), 'talemo-cli-other-'));
    const imported = talemo('import', out, '--library', other, '--json');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout).story.title).toBe('Lila et la rivière qui chante');
    expect(JSON.parse(talemo('list', '--library', other, '--json').stdout)).toHaveLength(3);
  });

  it('should fail with one clear line and exit 1 on a bad pack, with no stack trace', () => {
    const bogus = join(library, 'bogus.zip');
    writeFileSync(bogus, 'this is not a zip');
    const result = talemo('import', bogus, '--library', library);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/zip/i);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('should exit 1 naming a story that does not exist', () => {
    const result = talemo(
      'export',
      '00000000-0000-4000-8000-000000000000',
      '--out',
      join(library, 'x.zip'),
      '--library',
      library,
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No story/);
  });

  it('should exit 2 on bad usage and print the usage', () => {
    expect(talemo('export', 'some-id', '--library', library).status).toBe(2);
    expect(talemo('frobnicate').status).toBe(2);
    const badAge = talemo('list', '--age', '99', '--library', library);
    expect(badAge.status).toBe(2);
    expect(badAge.stderr).toMatch(/--age takes one of/);
  });
});
