/** `talemo add` and `talemo dedupe` as a script runs them: a real process, real files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_DUPLICATE_THRESHOLD } from '../../models/dedupe/duplicate-score';
import { TEST_STORIES } from '../../models/dedupe/test-stories';
import { HAS_TEST_MODEL, TEST_MODEL_FOLDER } from '../../models/embed/test-model';
import { SHARED_MODEL_TAG } from '../../models/shared-models';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function files(contents: Record<string, string | Buffer>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-texts-'));
  return Object.fromEntries(
    Object.entries(contents).map(([name, content]) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return [name, path];
    }),
  );
}

function expectOneLineFailure(result: ReturnType<typeof talemo>, pattern: RegExp): void {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('talemo add and dedupe', () => {
  const library = mkdtempSync(join(tmpdir(), 'talemo-cli-dedupe-'));
  const texts = files({
    'ember-the-shy-dragon.txt': TEST_STORIES.dragonSchool,
    'bramble.txt': TEST_STORIES.dragonMountains,
    'ember_retold.txt': TEST_STORIES.dragonSchoolParaphrase,
    'rosa.txt': `\uFEFF${TEST_STORIES.moonBalloon.replace(/\n/g, '\r\n')}`,
  });

  it('should add text files as linear stories, titled from the file name, a page per paragraph', () => {
    const result = talemo(
      'add',
      texts['ember-the-shy-dragon.txt']!,
      texts['bramble.txt']!,
      '--lang',
      'en',
      '--library',
      library,
      '--json',
    );
    expect(result.status).toBe(0);
    const added = JSON.parse(result.stdout) as {
      file: string;
      story: { id: string; title: string; language: string; nodeCount: number };
      duplicates: unknown[];
    }[];
    expect(added.map((entry) => [entry.story.title, entry.story.language, entry.duplicates])).toEqual([
      ['ember the shy dragon', 'en', []],
      ['bramble', 'en', []],
    ]);
    const paragraphs = TEST_STORIES.dragonSchool.split(/\n\s*\n/).length;
    expect(added[0]!.story.nodeCount).toBe(1 + paragraphs * 2); // cover, pages, and an action before each page
    const listed = JSON.parse(talemo('list', '--library', library, '--json').stdout) as { title: string }[];
    expect(listed.map((story) => story.title)).toEqual(
      expect.arrayContaining(['ember the shy dragon', 'bramble']),
    );
  });

  it('should print duplicate matches on add without blocking it', () => {
    const result = talemo('add', texts['ember_retold.txt']!, '--library', library);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Added "ember retold"/);
    expect(result.stdout).toMatch(
      /Possible duplicate of "ember the shy dragon" \([0-9a-f-]{36}\), similarity 0\.\d\d/,
    );
  });

  it('should print exactly the files and their matches at the library threshold with dedupe --json', () => {
    const result = talemo(
      'dedupe',
      texts['ember_retold.txt']!,
      texts['rosa.txt']!,
      '--json',
      '--library',
      library,
    );
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      file: string;
      matches: { id: string; title: string; score: number }[];
    }[];
    expect(report.map((entry) => entry.file)).toEqual([texts['ember_retold.txt'], texts['rosa.txt']]);
    expect(report[0]!.matches.map((match) => match.title).sort()).toEqual([
      'ember retold',
      'ember the shy dragon',
    ]);
    for (const match of report[0]!.matches) {
      expect(Object.keys(match)).toEqual(['id', 'title', 'score']);
      expect(match.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    }
    expect(report[1]).toEqual({ file: texts['rosa.txt'], matches: [] });
    // dedupe adds nothing
    expect(JSON.parse(talemo('list', '--library', library, '--json').stdout)).toHaveLength(5);
  });

  it('should find a misspelt query through vectors with talemo search', () => {
    // No keyword hit: "Bramblle", "dragonn" and "Mountins" are in no story.
    const query = 'Bramblle the shy dragonn of the Grey Mountins';
    const hits = JSON.parse(talemo('search', query, '--library', library, '--json').stdout) as {
      story: { title: string };
    }[];
    expect(hits.map((hit) => hit.story.title)).toEqual(['bramble']);
  });

  // Eleven CLI runs: generous on a busy machine.
  it('should fail with one clear line, adding nothing, on bad input', { timeout: 180_000 }, () => {
    const bad = files({
      'empty.txt': '',
      'blank.txt': ' \n\n  \t\n',
      'junk.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]),
      'big.txt': 'Once upon a time a fox slept.\n\n'.repeat(40_000).slice(0, 1024 * 1024),
      'ok.txt': 'A small story about a lost mitten.',
    });
    const before = (JSON.parse(talemo('list', '--library', library, '--json').stdout) as unknown[]).length;
    expectOneLineFailure(
      talemo('add', bad['ok.txt']!, bad['empty.txt']!, '--library', library),
      /empty\.txt is empty/,
    );
    expectOneLineFailure(talemo('add', bad['blank.txt']!, '--library', library), /has no words/);
    expectOneLineFailure(talemo('add', bad['junk.bin']!, '--library', library), /not a plain-text \(UTF-8\)/);
    expectOneLineFailure(
      talemo('dedupe', bad['latin1.txt']!, '--json', '--library', library),
      /not a plain-text/,
    );
    expectOneLineFailure(
      talemo('add', bad['big.txt']!, '--library', library),
      /1\.0 MB; a story text is at most 512 KB/,
    );
    expectOneLineFailure(talemo('dedupe', bad['big.txt']!, '--library', library), /at most 512 KB/);
    expectOneLineFailure(
      talemo('add', join(library, 'missing.txt'), '--library', library),
      /Cannot read .*missing\.txt: no such file/,
    );
    expectOneLineFailure(talemo('add', library, '--library', library), /is a folder/);
    expect((JSON.parse(talemo('list', '--library', library, '--json').stdout) as unknown[]).length).toBe(
      before,
    );
  });

  it.skipIf(!HAS_TEST_MODEL)(
    `should search by meaning with the neural model given by --embed-model ${SHARED_MODEL_TAG}`,
    () => {
      // Added with the built-in embedder; the neural index is filled when the model is first used.
      expect(talemo('add', texts['rosa.txt']!, '--library', library).status).toBe(0);
      const result = talemo(
        'search',
        // No story holds "sails": only the meaning finds Rosa's balloon ride.
        'a young girl sails into the sky at night holding a big balloon',
        '--embed-model',
        TEST_MODEL_FOLDER,
        '--library',
        library,
        '--json',
      );
      expect(result.status).toBe(0);
      const hits = JSON.parse(result.stdout) as { story: { title: string } }[];
      expect(hits[0]?.story.title).toBe('rosa');
    },
  );

  it('should name a model folder that is not there', () => {
    const missing = join(library, 'no-model');
    expectOneLineFailure(
      talemo('dedupe', texts['rosa.txt']!, '--embed-model', missing, '--library', library),
      /no model folder at .*no-model/,
    );
  });

  it('should exit 2 on bad usage', () => {
    expect(talemo('add', '--library', library).status).toBe(2);
    expect(talemo('dedupe', '--library', library).status).toBe(2);
    const badLang = talemo('add', texts['rosa.txt']!, '--lang', 'French', '--library', library);
    expect(badLang.status).toBe(2);
    expect(badLang.stderr).toMatch(/--lang takes a language code/);
  });
});
