import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StudioLimits } from './studio-limits';
import { StudioPackError, type StudioPackErrorReason } from './studio-pack-error';
import { readStudioZip } from './studio-reader';
import { buildZip, type RawZipEntry } from './test-zip-builder';
import { sha256, tinyMp3, tinyPng } from './test-fixtures';

const COVER_PNG = tinyPng(1, 2, 3);
const COVER_MP3 = tinyMp3(7);
const END_MP3 = tinyMp3(8);

/** A pack as STUdio writes it, give or take the extras real packs carry (unknown keys, nulls). */
function storyJson(): Record<string, unknown> & { stageNodes: Array<Record<string, unknown>> } {
  return {
    format: 'v1',
    title: 'Hand made',
    version: 2,
    nightModeAvailable: false,
    editorVersion: '0.3.1',
    stageNodes: [
      {
        uuid: 'c0ffee00-0000-4000-8000-000000000001',
        name: 'Cover',
        type: 'cover',
        groupId: null,
        position: null,
        squareOne: true,
        image: 'cover.png',
        audio: 'cover.mp3',
        okTransition: { actionNode: 'a1', optionIndex: 0 },
        homeTransition: null,
        controlSettings: { wheel: true, ok: true, home: false, pause: false, autoplay: false },
      },
      {
        uuid: 'c0ffee00-0000-4000-8000-000000000002',
        image: null,
        audio: 'end.mp3',
        okTransition: null,
        homeTransition: null,
        controlSettings: { wheel: false, ok: false, home: true, pause: true, autoplay: true },
      },
    ],
    actionNodes: [{ id: 'a1', options: ['c0ffee00-0000-4000-8000-000000000002'] }],
  };
}

function packEntries(story: unknown = storyJson()): RawZipEntry[] {
  return [
    { name: 'story.json', data: JSON.stringify(story), method: 'deflate' },
    { name: 'assets/' },
    { name: 'assets/cover.png', data: COVER_PNG },
    { name: 'assets/cover.mp3', data: COVER_MP3 },
    { name: 'assets/end.mp3', data: END_MP3 },
  ];
}

function replaceEntry(entries: RawZipEntry[], name: string, entry: Partial<RawZipEntry>): RawZipEntry[] {
  return entries.map((e) => (e.name === name ? { ...e, ...entry } : e));
}

describe('readStudioZip', () => {
  let dir: string;
  let stagingDir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'talemo-studio-read-'));
    stagingDir = join(dir, 'staging');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function expectRefusal(
    zip: Uint8Array,
    reason: StudioPackErrorReason,
    culprit: string,
    options: { limits?: Partial<StudioLimits>; signal?: AbortSignal } = {},
  ): Promise<StudioPackError> {
    const error = await readStudioZip(zip, { stagingDir, ...options }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StudioPackError);
    expect((error as StudioPackError).reason).toBe(reason);
    expect((error as StudioPackError).message).toContain(culprit);
    expect(existsSync(stagingDir)).toBe(false);
    return error as StudioPackError;
  }

  it('should read a hand-made pack: unknown keys and null extras tolerated, ends where OK leads nowhere', async () => {
    const pack = await readStudioZip(buildZip(packEntries()), { stagingDir });

    expect(pack.graph.coverId).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(pack.graph.stages[0]).toMatchObject({
      name: 'Cover',
      kind: 'cover',
      image: { hash: sha256(COVER_PNG), mime: 'image/png' },
      audio: { hash: sha256(COVER_MP3), mime: 'audio/mpeg' },
      ok: { action: 'a1', optionIndex: 0 },
      end: false,
    });
    expect(pack.graph.stages[1]).toMatchObject({ name: '', text: '', ok: null, end: true });
    expect(pack).toMatchObject({
      title: 'Hand made',
      description: null,
      packVersion: 2,
      story: null,
      thumbnail: null,
    });
    expect(readdirSync(stagingDir).sort()).toEqual([COVER_PNG, COVER_MP3, END_MP3].map(sha256).sort());
  });

  it('should read a pack from another generator: "" for no image, omitted transitions, meta/ folder', async () => {
    const story = storyJson();
    story.stageNodes[1] = {
      uuid: 'c0ffee00-0000-4000-8000-000000000002',
      image: '',
      audio: 'end.mp3',
      controlSettings: { wheel: false, ok: false, home: true, pause: true, autoplay: true },
    };
    const entries = [...packEntries(story), { name: 'meta/thumbnail.png', data: COVER_PNG }];
    const pack = await readStudioZip(buildZip(entries), { stagingDir });
    expect(pack.graph.stages[1]).toMatchObject({ image: null, ok: null, home: null, end: true });
  });

  it('should store bytes the zip holds twice under different names only once', async () => {
    const story = storyJson();
    story.stageNodes[1]!.audio = 'again.mp3';
    const entries = [
      ...packEntries(story).filter((entry) => entry.name !== 'assets/end.mp3'),
      { name: 'assets/again.mp3', data: COVER_MP3 },
    ];
    const pack = await readStudioZip(buildZip(entries), { stagingDir });

    expect(pack.assets.map((asset) => asset.sha256).sort()).toEqual(
      [COVER_PNG, COVER_MP3].map(sha256).sort(),
    );
    expect(pack.graph.stages[1]!.audio).toEqual(pack.graph.stages[0]!.audio);
    expect(readdirSync(stagingDir)).toHaveLength(2);
  });

  it('should carry talemo.json texts and story, and ignore a talemo.json of another format', async () => {
    const sidecar = {
      format: 'talemo/1',
      texts: { 'c0ffee00-0000-4000-8000-000000000002': 'The end.' },
      story: { tags: ['x'] },
    };
    const withSidecar = [...packEntries(), { name: 'talemo.json', data: JSON.stringify(sidecar) }];
    const pack = await readStudioZip(buildZip(withSidecar), { stagingDir });
    expect(pack.graph.stages[1]!.text).toBe('The end.');
    expect(pack.story).toEqual({ tags: ['x'] });

    const future = [
      ...packEntries(),
      { name: 'talemo.json', data: JSON.stringify({ format: 'talemo/9', pages: [] }) },
    ];
    const later = await readStudioZip(buildZip(future), { stagingDir: join(dir, 'later') });
    expect(later).toMatchObject({ story: null, graph: { stages: [{ text: '' }, { text: '' }] } });
  });

  it('should refuse to stage into a folder that already holds files, and leave it alone', async () => {
    mkdirSync(stagingDir);
    writeFileSync(join(stagingDir, 'keep.txt'), 'mine');

    await expect(readStudioZip(buildZip(packEntries()), { stagingDir })).rejects.toThrow(/not empty/);
    expect(readFileSync(join(stagingDir, 'keep.txt'), 'utf8')).toBe('mine');
  });

  describe('hostile or broken packs', () => {
    it('should refuse random bytes as not a zip', async () => {
      const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
      await expectRefusal(random, 'not-a-zip', 'not a readable zip');
    });

    it('should refuse a truncated zip', async () => {
      const zip = buildZip(packEntries());
      await expectRefusal(zip.subarray(0, zip.byteLength - 40), 'not-a-zip', 'not a readable zip');
    });

    it('should refuse an entry that climbs out with ../', async () => {
      const zip = buildZip([...packEntries(), { name: '../../evil.sh', data: '#!/bin/sh' }]);
      const error = await expectRefusal(zip, 'unsafe-path', '"../../evil.sh"');
      expect(error.message).toContain('would be written outside the pack');
    });

    it('should refuse an absolute path', async () => {
      await expectRefusal(
        buildZip([...packEntries(), { name: '/etc/cron.d/evil', data: 'x' }]),
        'unsafe-path',
        '"/etc/cron.d/evil"',
      );
      await expectRefusal(
        buildZip([...packEntries(), { name: 'C:/Windows/evil.dll', data: 'x' }]),
        'unsafe-path',
        '"C:/Windows/evil.dll"',
      );
    });

    it('should refuse a backslash path', async () => {
      await expectRefusal(
        buildZip([...packEntries(), { name: '..\\..\\evil.bat', data: 'x' }]),
        'unsafe-path',
        '"..\\..\\evil.bat"',
      );
    });

    it('should refuse a symbolic link', async () => {
      const link = {
        name: 'assets/link',
        data: '/etc/passwd',
        versionMadeBy: (3 << 8) | 20,
        externalAttributes: (0o120777 << 16) >>> 0,
      };
      await expectRefusal(
        buildZip([...packEntries(), link]),
        'unsafe-path',
        '"assets/link" is a symbolic link',
      );
    });

    it('should refuse an encrypted entry', async () => {
      const zip = buildZip(replaceEntry(packEntries(), 'assets/end.mp3', { flags: 0x1 }));
      await expectRefusal(zip, 'encrypted', '"assets/end.mp3"');
    });

    it('should refuse two entries with the same name', async () => {
      const zip = buildZip([...packEntries(), { name: 'assets/end.mp3', data: END_MP3 }]);
      await expectRefusal(zip, 'duplicate-entry', '"assets/end.mp3" appears twice');
    });

    it('should refuse more entries than allowed', async () => {
      await expectRefusal(buildZip(packEntries()), 'too-large', 'holds 5 files', {
        limits: { maxEntries: 4 },
      });
    });

    it('should refuse a zip bomb: an entry compressed past the ratio cap', async () => {
      const bomb = Buffer.concat([tinyMp3(9, 1), Buffer.alloc(4 * 1024 * 1024)]);
      const zip = buildZip(replaceEntry(packEntries(), 'assets/end.mp3', { data: bomb, method: 'deflate' }));
      const error = await expectRefusal(zip, 'too-large', '"assets/end.mp3"');
      expect(error.message).toContain('zip bomb');
    });

    it('should refuse a zip bomb: an entry that inflates past the size it declares', async () => {
      const lying = {
        data: Buffer.concat([tinyMp3(9, 1), Buffer.alloc(512 * 1024)]),
        method: 'deflate' as const,
        declaredSize: 1000,
      };
      const zip = buildZip(replaceEntry(packEntries(), 'assets/end.mp3', lying));
      const error = await expectRefusal(zip, 'too-large', 'assets/end.mp3');
      expect(error.message).toContain('lies about its size');
    });

    it('should refuse an entry larger than the entry cap', async () => {
      const zip = buildZip(replaceEntry(packEntries(), 'assets/end.mp3', { data: tinyMp3(8, 10) }));
      await expectRefusal(zip, 'too-large', '"assets/end.mp3" unpacks to 4.1 KB', {
        limits: { maxEntryBytes: 2000 },
      });
    });

    it('should refuse a pack whose total is over the cap', async () => {
      await expectRefusal(buildZip(packEntries()), 'too-large', 'would unpack to', {
        limits: { maxTotalBytes: 2000 },
      });
    });

    it('should refuse a zip without story.json', async () => {
      const zip = buildZip(packEntries().filter((entry) => entry.name !== 'story.json'));
      await expectRefusal(zip, 'missing-story-json', 'story.json');
    });

    it('should refuse story.json that is not JSON', async () => {
      const zip = buildZip(
        replaceEntry(packEntries(), 'story.json', { data: '{"format": "v1", stageNodes: [' }),
      );
      await expectRefusal(zip, 'invalid-json', 'story.json is not valid JSON');
    });

    it('should refuse story.json that is not a STUdio story', async () => {
      const story = storyJson();
      story.stageNodes[0]!.controlSettings = {
        wheel: 'yes',
        ok: true,
        home: false,
        pause: false,
        autoplay: false,
      };
      const error = await expectRefusal(buildZip(packEntries(story)), 'invalid-story', 'story.json');
      expect(error.message).toContain('stageNodes[0].controlSettings.wheel');
    });

    it('should refuse two nodes with the same id', async () => {
      const story = storyJson();
      (story.actionNodes as Array<{ id: string }>)[0]!.id = 'c0ffee00-0000-4000-8000-000000000002';
      story.stageNodes[0]!.okTransition = {
        actionNode: 'c0ffee00-0000-4000-8000-000000000002',
        optionIndex: 0,
      };
      await expectRefusal(
        buildZip(packEntries(story)),
        'invalid-story',
        'c0ffee00-0000-4000-8000-000000000002',
      );
    });

    it('should refuse a missing asset', async () => {
      const zip = buildZip(packEntries().filter((entry) => entry.name !== 'assets/end.mp3'));
      await expectRefusal(zip, 'missing-asset', 'assets/end.mp3');
    });

    it('should refuse an asset no node uses', async () => {
      await expectRefusal(
        buildZip([...packEntries(), { name: 'assets/stray.mp3', data: tinyMp3(5) }]),
        'extra-asset',
        'assets/stray.mp3',
      );
    });

    it('should refuse a transition to an unknown action node', async () => {
      const story = storyJson();
      story.stageNodes[0]!.okTransition = { actionNode: 'nowhere', optionIndex: 0 };
      await expectRefusal(buildZip(packEntries(story)), 'unknown-reference', 'nowhere');
    });

    it('should refuse an option that leads to an unknown stage', async () => {
      const story = storyJson();
      story.actionNodes = [{ id: 'a1', options: ['lost-stage'] }];
      await expectRefusal(buildZip(packEntries(story)), 'unknown-reference', 'lost-stage');
    });

    it('should refuse an option index out of range', async () => {
      const story = storyJson();
      story.stageNodes[0]!.okTransition = { actionNode: 'a1', optionIndex: 2 };
      const error = await expectRefusal(
        buildZip(packEntries(story)),
        'unknown-reference',
        'option 3 of action node a1',
      );
      expect(error.message).toContain('"Cover"');
    });

    it('should refuse bytes named .png that are not an image', async () => {
      const zip = buildZip(replaceEntry(packEntries(), 'assets/cover.png', { data: COVER_MP3 }));
      await expectRefusal(
        zip,
        'wrong-asset-type',
        'assets/cover.png is not an image (its first bytes are not PNG, JPEG or BMP)',
      );
    });

    it('should refuse text named .mp3', async () => {
      const zip = buildZip(
        replaceEntry(packEntries(), 'assets/end.mp3', { data: 'Once upon a time, in a text file…' }),
      );
      await expectRefusal(zip, 'wrong-asset-type', 'assets/end.mp3 is not audio');
    });

    it('should refuse an entry whose checksum does not match', async () => {
      const zip = buildZip(packEntries());
      const at = zip.indexOf(END_MP3) + 100;
      zip[at] = zip[at]! ^ 0xff;
      await expectRefusal(zip, 'corrupt', 'assets/end.mp3');
    });

    it('should stop and clean up when cancelled before it starts', async () => {
      const controller = new AbortController();
      controller.abort();
      await expectRefusal(buildZip(packEntries()), 'cancelled', 'cancelled', { signal: controller.signal });
    });

    it('should stop and clean up when cancelled while unpacking', async () => {
      const story = storyJson();
      story.stageNodes[1]!.audio = 'long.mp3';
      const entries = [
        ...packEntries(story).filter((entry) => entry.name !== 'assets/end.mp3'),
        { name: 'assets/long.mp3', data: tinyMp3(4, 2000) },
      ];
      const controller = new AbortController();
      const error = readStudioZip(buildZip(entries), {
        stagingDir,
        signal: controller.signal,
        onProgress: (done, total) => {
          if (done > total / 2) controller.abort();
        },
      });
      await expect(error).rejects.toMatchObject({ reason: 'cancelled' });
      expect(existsSync(stagingDir)).toBe(false);
    });
  });
});
