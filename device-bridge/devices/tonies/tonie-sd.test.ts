/**
 * Writing Tonie audio to an SD card laid out like a Toniebox's, with real TAF files made by
 * encodeTaf from generated tones. The "card" is a folder (or, where the test may mount one, a
 * tiny tmpfs to be really full).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { encodeTaf } from '../../formats/taf/taf-encode';
import { inspectTaf } from '../../formats/taf/taf-inspect';
import { makeWavTone } from '../../formats/taf/taf-test-audio';
import { cardSpace, ensureRoomOnCard } from './tonie-card-space';
import { TonieSdError } from './tonie-sd-error';
import { listTonieContent } from './tonie-sd-list';
import { TONIE_NEW_FILE_SUFFIX, writeTafToSd } from './tonie-sd-write';
import { formatTonieUid, tonieSdPath, TonieUidError } from './tonie-uid';

const UID = 'E0:04:03:50:0D:0D:3F:47';
const FILE_FOR_UID = ['CONTENT', '473F0D0D', '500304E0'] as const;

let work: string;
let storyA: string;
let storyB: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tonie-sd-'));
  const one = await makeWavTone(work, 'one.wav', 0.6, 440);
  const two = await makeWavTone(work, 'two.wav', 0.5, 660);
  storyA = join(work, 'a.taf');
  storyB = join(work, 'b.taf');
  await encodeTaf([one, two], storyA, { audioId: 0x1000_0001 });
  await encodeTaf([two], storyB, { audioId: 0x1000_0002 });
}, 60_000);

async function emptyCard(): Promise<string> {
  const root = await mkdtemp(join(work, 'card-'));
  await mkdir(join(root, 'CONTENT'));
  return root;
}

async function rejection(promise: Promise<unknown>): Promise<TonieSdError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TonieSdError);
  return error as TonieSdError;
}

describe('tonieSdPath', () => {
  it('should reverse the UID bytes into CONTENT/<8hex>/<8hex>, uppercase', () => {
    expect(tonieSdPath('E00403500D0D3F47')).toEqual({
      uid: 'E00403500D0D3F47',
      folder: '473F0D0D',
      file: '500304E0',
      path: 'CONTENT/473F0D0D/500304E0',
    });
    expect(tonieSdPath('e0:04:03:50:0e:f4:d8:ea').path).toBe('CONTENT/EAD8F40E/500304E0');
    expect(formatTonieUid('e00403500ef4d8ea')).toBe('E0:04:03:50:0E:F4:D8:EA');
  });

  it('should name the expected length when a UID is too short or too long', () => {
    expect(() => tonieSdPath('E0:04:03:50:0D:0D:3F')).toThrow(TonieUidError);
    expect(() => tonieSdPath('E0:04:03:50:0D:0D:3F')).toThrow(/7 bytes.*8 bytes \(16 hex digits/);
    expect(() => tonieSdPath('E00403500D0D3F4711')).toThrow(/9 bytes/);
  });

  it('should refuse non-hex characters and a byte-reversed UID', () => {
    expect(() => tonieSdPath('E00403500D0D3G47')).toThrow(/other than hex digits/);
    expect(() => tonieSdPath('473F0D0D500304E0')).toThrow(/byte-reversed.*E00403500D0D3F47/);
  });
});

describe('writeTafToSd', { timeout: 30_000 }, () => {
  it('should write a TAF where the box reads it, verified, and list it back', async () => {
    const card = await emptyCard();
    const progress: string[] = [];
    const result = await writeTafToSd(card, UID, storyA, {
      onProgress: (phase, done, total) => progress.push(`${phase} ${done}/${total}`),
    });
    const onCard = join(card, ...FILE_FOR_UID);
    expect(result).toMatchObject({ uid: 'E00403500D0D3F47', path: onCard, replaced: false, chapterCount: 2 });
    expect(await readFile(onCard)).toEqual(await readFile(storyA));
    const size = (await readFile(storyA)).length;
    expect(progress.at(-1)).toBe(`verify ${size}/${size}`);
    expect(progress).toContain(`copy ${size}/${size}`);
    expect(await readdir(join(card, 'CONTENT', '473F0D0D'))).toEqual(['500304E0']);

    const listing = await listTonieContent(card);
    expect(listing.interruptedWrites).toEqual([]);
    expect(listing.contents).toHaveLength(1);
    const [entry] = listing.contents;
    expect(entry).toMatchObject({
      uid: 'E00403500D0D3F47',
      path: 'CONTENT/473F0D0D/500304E0',
      audioId: 0x1000_0001,
      custom: true,
      problems: [],
    });
    expect(entry!.chapterStartsSeconds).toHaveLength(2);
    expect(entry!.chapterStartsSeconds[0]).toBe(0);
    // Two tones of 0.6 s and 0.5 s: the second chapter starts near 0.6 s, the whole lasts ~1.1 s.
    expect(entry!.chapterStartsSeconds[1]).toBeGreaterThan(0.55);
    expect(entry!.chapterStartsSeconds[1]).toBeLessThan(0.65);
    expect(entry!.durationSeconds).toBeGreaterThan(1.05);
    expect(entry!.durationSeconds).toBeLessThan(1.2);
  });

  it('should refuse a folder that is not a Toniebox card, writing nothing', async () => {
    const notACard = await mkdtemp(join(work, 'usb-stick-'));
    const error = await rejection(writeTafToSd(notACard, UID, storyA));
    expect(error.code).toBe('not-a-toniebox-card');
    expect(error.message).toMatch(/no CONTENT folder/);
    expect(await readdir(notACard)).toEqual([]);
  });

  it('should find the card folders whatever their case (a card mounted with lowercase names)', async () => {
    const root = await mkdtemp(join(work, 'lower-'));
    await mkdir(join(root, 'content', '473f0d0d'), { recursive: true });
    await writeFile(join(root, 'content', '473f0d0d', '500304e0'), 'old');
    const result = await writeTafToSd(root, UID, storyB);
    expect(result.replaced).toBe(true);
    expect(await readdir(join(root, 'content', '473f0d0d'))).toEqual(['500304e0']);
  });

  it('should refuse a TAF whose hash does not match its audio, with nothing written', async () => {
    const bad = join(work, 'bad-hash.taf');
    const bytes = await readFile(storyA);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    await writeFile(bad, bytes);
    const card = await emptyCard();
    const error = await rejection(writeTafToSd(card, UID, bad));
    expect(error.code).toBe('bad-taf');
    expect(error.message).toMatch(/SHA-1 in the header .* does not match/);
    expect(await readdir(join(card, 'CONTENT'))).toEqual([]);
  });

  it('should refuse a file that is not a TAF at all', async () => {
    const text = join(work, 'story.txt');
    await writeFile(text, 'Once upon a time');
    const card = await emptyCard();
    const error = await rejection(writeTafToSd(card, UID, text));
    expect(error.code).toBe('bad-taf');
    expect(error.message).toMatch(/is not a Tonie audio file/);
    expect(await readdir(join(card, 'CONTENT'))).toEqual([]);
  });

  it('should refuse a file that cannot fit, naming both sizes (statfs figures of the card)', async () => {
    const card = await emptyCard();
    const real = await cardSpace(join(card, 'CONTENT'));
    const size = (await readFile(storyA)).length;
    // The card as statfs reports it, with only two clusters left.
    const almostFull = { freeBytes: 2 * real.blockSize, blockSize: real.blockSize };
    expect(() => ensureRoomOnCard(almostFull, size, true)).toThrow(TonieSdError);
    const needed = (Math.ceil(size / real.blockSize) + 1) * real.blockSize;
    expect(() => ensureRoomOnCard(almostFull, size, true)).toThrow(
      new RegExp(`needs .*\\(${needed} bytes\\) and .*${almostFull.freeBytes}.* is free`),
    );
    expect(() => ensureRoomOnCard(real, size, true)).not.toThrow();
  });

  it('should refuse a write to a really full card, leaving it as it was [needs a device]', async (context) => {
    const mountPoint = await mkdtemp(join(work, 'tmpfs-'));
    const mounted =
      process.platform === 'linux' &&
      process.getuid?.() === 0 &&
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=12k', 'tmpfs', mountPoint]).status === 0;
    if (!mounted)
      return context.skip(
        'a small card needs a tmpfs mount (Linux, as root); the statfs check above covers the rule',
      );
    try {
      await mkdir(join(mountPoint, 'CONTENT'));
      const error = await rejection(writeTafToSd(mountPoint, UID, storyA));
      expect(error.code).toBe('no-space');
      expect(error.message).toMatch(/Not enough room on the SD card: .* needs .* and .* is free/);
      expect(await readdir(join(mountPoint, 'CONTENT'))).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  it('should keep the old audio in place until the new copy is verified, then replace it', async () => {
    const card = await emptyCard();
    await writeTafToSd(card, UID, storyA);
    const onCard = join(card, ...FILE_FOR_UID);
    const oldBytes = await readFile(storyA);
    const seenDuringWrite: boolean[] = [];
    const result = await writeTafToSd(card, UID, storyB, {
      onProgress: (phase) => {
        if (phase === 'verify') return;
        // Synchronous read: the write waits for nothing here, so this is the card mid-copy.
        seenDuringWrite.push(Buffer.compare(readFileSync(onCard), oldBytes) === 0);
      },
    });
    expect(seenDuringWrite.length).toBeGreaterThan(0);
    expect(seenDuringWrite.every(Boolean)).toBe(true);
    expect(result.replaced).toBe(true);
    expect(await readFile(onCard)).toEqual(await readFile(storyB));
    expect((await inspectTaf(onCard)).audioId).toBe(0x1000_0002);
    expect(await readdir(join(card, 'CONTENT', '473F0D0D'))).toEqual(['500304E0']);
  });

  it('should leave the card as it was when cancelled after the copy, before the swap', async () => {
    const card = await emptyCard();
    await writeTafToSd(card, UID, storyA);
    const controller = new AbortController();
    const error = await rejection(
      writeTafToSd(card, UID, storyB, {
        signal: controller.signal,
        onProgress: (phase) => {
          if (phase === 'verify') controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(await readFile(join(card, ...FILE_FOR_UID))).toEqual(await readFile(storyA));
    expect(await readdir(join(card, 'CONTENT', '473F0D0D'))).toEqual(['500304E0']);
  });

  it('should remove the folder it created when a first write is cancelled mid-copy', async () => {
    const card = await emptyCard();
    const controller = new AbortController();
    const error = await rejection(
      writeTafToSd(card, UID, storyA, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(await readdir(join(card, 'CONTENT'))).toEqual([]);
  });

  it('should report a copy left by a cut-off write, and replace it on the next write', async () => {
    const card = await emptyCard();
    const folder = join(card, 'CONTENT', '473F0D0D');
    await mkdir(folder);
    await writeFile(join(folder, `500304E0${TONIE_NEW_FILE_SUFFIX}`), 'half a file');
    const before = await listTonieContent(card);
    expect(before.contents).toEqual([]);
    expect(before.interruptedWrites).toEqual([`CONTENT/473F0D0D/500304E0${TONIE_NEW_FILE_SUFFIX}`]);
    await writeTafToSd(card, UID, storyA);
    expect(await readdir(folder)).toEqual(['500304E0']);
    expect((await listTonieContent(card)).contents).toHaveLength(1);
  });

  it('should list a file that is not a TAF with its problem, and skip the system sounds', async () => {
    const card = await emptyCard();
    await mkdir(join(card, 'CONTENT', '00000000'));
    await writeFile(join(card, 'CONTENT', '00000000', '00000001'), 'system sound');
    await mkdir(join(card, 'CONTENT', 'EAD8F40E'));
    await writeFile(join(card, 'CONTENT', 'EAD8F40E', '500304E0'), 'not audio');
    const { contents } = await listTonieContent(card);
    expect(contents).toHaveLength(1);
    expect(contents[0]).toMatchObject({ uid: 'E00403500EF4D8EA', audioId: null, bytes: 9 });
    expect(contents[0]!.problems[0]).toMatch(/not a Tonie audio file/);
  });
});
