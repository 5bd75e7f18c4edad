/** `talemo taf …` and `talemo tonies …` as a script or an acceptance check runs them: real processes. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeWav, sine } from '../../device-bridge/audio/decode/make-test-audio';
import {
  startFakeTeddyCloud,
  type FakeTeddyCloud,
} from '../../device-bridge/devices/teddycloud/fake-teddycloud-server';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A real process, run without blocking: the fake TeddyCloud in this process must answer meanwhile. */
function talemo(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function toneWav(path: string, seconds: number, hz: number): string {
  const rate = 22_050;
  writeFileSync(
    path,
    encodeWav([sine(Math.round(rate * seconds), rate, hz, 0.4)], { sampleRate: rate, bits: 16 }),
  );
  return path;
}

/**
 * One encode, then every other command at once (each is a process that mostly waits for its
 * start-up): the tests below read their results.
 */
describe('talemo taf and tonies', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-cli-taf-'));
  const taf = join(dir, 'x.taf');
  const card = join(dir, 'card');
  const chapters = join(dir, 'chapters');
  let server: FakeTeddyCloud;
  let encoded: Run;
  let runs: Record<
    'info' | 'corrupted' | 'extract' | 'written' | 'listed' | 'shortUid' | 'uploaded' | 'story',
    Promise<Run>
  >;

  beforeAll(async () => {
    server = await startFakeTeddyCloud({ libraryDir: join(dir, 'library') });
    const a = toneWav(join(dir, 'a.wav'), 0.8, 440);
    const b = toneWav(join(dir, 'b.wav'), 0.6, 550);
    encoded = await talemo('taf', 'encode', a, b, '--out', taf, '--audio-id', '305419896', '--json');
    const bytes = readFileSync(taf);
    bytes[bytes.length - 200] = bytes[bytes.length - 200]! ^ 0x55;
    writeFileSync(join(dir, 'corrupted.taf'), bytes);
    mkdirSync(join(card, 'CONTENT'), { recursive: true });
    const written = talemo(
      'tonies',
      'write',
      '--sd',
      card,
      '--uid',
      'E0:04:03:50:0D:0D:3F:47',
      taf,
      '--json',
    );
    runs = {
      info: talemo('taf', 'info', taf, '--json'),
      corrupted: talemo('taf', 'info', join(dir, 'corrupted.taf'), '--json'),
      extract: talemo('taf', 'extract', taf, '--out', chapters, '--json'),
      written,
      listed: written.then(() => talemo('tonies', 'list', '--sd', card, '--json')),
      shortUid: talemo('tonies', 'write', '--sd', card, '--uid', 'E0:04:03:50', taf),
      uploaded: talemo('tonies', 'upload', '--server', server.url, taf, '--json'),
      story: storyTaf(),
    };
    await Promise.all(Object.values(runs));
  }, 300_000);

  /** A library story (two pages of text, no audio yet) encoded by its id: narrated, a chapter each. */
  async function storyTaf(): Promise<Run> {
    const library = join(dir, 'talemo-library');
    const text = join(dir, 'story.txt');
    writeFileSync(text, 'Le petit phare brillait.\n\nLe chat regardait la mer.');
    const added = await talemo('add', text, '--lang', 'fr', '--library', library, '--json');
    const id = JSON.parse(added.stdout)[0].story.id as string;
    return talemo('taf', 'encode', id, '--out', join(dir, 'story.taf'), '--library', library, '--json');
  }

  afterAll(async () => {
    await server.close();
  });

  it('should encode two files as two chapters, and read them back with a sound hash', async () => {
    expect(encoded.stderr).toBe('');
    expect(encoded.status).toBe(0);
    expect(JSON.parse(encoded.stdout)).toMatchObject({ out: taf, audioId: 305_419_896, chapters: 2 });

    const info = await runs.info;
    expect(info.status).toBe(0);
    const report = JSON.parse(info.stdout);
    expect(report).toMatchObject({ audioId: 305_419_896, custom: true, sha1Matches: true, problems: [] });
    expect(report.chapters).toHaveLength(2);
    expect(report.chapters[0].startSeconds).toBe(0);
    // The second chapter starts where the 0.8 s tone ends.
    expect(report.chapters[1].startSeconds).toBeGreaterThan(0.75);
    expect(report.chapters[1].startSeconds).toBeLessThan(0.85);
    expect(report.durationSeconds).toBeGreaterThan(1.35);
    expect(report.durationSeconds).toBeLessThan(1.5);
  });

  it('should encode a library story by its id, a chapter per linear chapter', async () => {
    const story = await runs.story;
    expect(story.stderr).toBe('');
    expect(story.status).toBe(0);
    const result = JSON.parse(story.stdout);
    expect(result.chapters).toBeGreaterThanOrEqual(1);
    expect(result.chapterStartsSeconds).toHaveLength(result.chapters);
    // Two short sentences read aloud by espeak-ng: a few seconds.
    expect(result.durationSeconds).toBeGreaterThan(1);
    expect(result.durationSeconds).toBeLessThan(20);
  });

  it('should exit 1 and name the problem for a corrupted TAF', async () => {
    const info = await runs.corrupted;
    expect(info.status).toBe(1);
    expect(JSON.parse(info.stdout)).toMatchObject({ sha1Matches: false });
    expect(info.stderr.trim().split('\n')).toHaveLength(1);
    expect(info.stderr).toMatch(/corrupted\.taf has \d+ problems?: .*SHA-1 in the header/);
  });

  it('should extract the chapters as Ogg Opus files', async () => {
    const extract = await runs.extract;
    expect(extract.status).toBe(0);
    expect(readdirSync(chapters).sort()).toEqual(['chapter-01.opus', 'chapter-02.opus']);
    expect(JSON.parse(extract.stdout).files).toHaveLength(2);
  });

  it('should write the TAF to an SD card for a tag, then list it', async () => {
    const written = await runs.written;
    expect(written.stderr).toBe('');
    expect(written.status).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ replaced: false, chapterCount: 2 });
    expect(readFileSync(join(card, 'CONTENT', '473F0D0D', '500304E0'))).toEqual(readFileSync(taf));

    const listed = JSON.parse((await runs.listed).stdout);
    expect(listed.contents).toHaveLength(1);
    expect(listed.contents[0]).toMatchObject({ uid: 'E00403500D0D3F47', audioId: 305_419_896 });
  });

  it('should refuse a UID of the wrong length, naming the length it takes', async () => {
    const short = await runs.shortUid;
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/4 bytes .* a Tonie's UID is 8 bytes/);
  });

  it('should upload the TAF to TeddyCloud', async () => {
    const uploaded = await runs.uploaded;
    expect(uploaded.stderr).toBe('');
    expect(uploaded.status).toBe(0);
    expect(JSON.parse(uploaded.stdout)).toMatchObject({
      name: 'x.taf',
      serverValidated: true,
      confirmed: true,
    });
    expect(readFileSync(join(dir, 'library', 'x.taf'))).toEqual(readFileSync(taf));
  });
});
