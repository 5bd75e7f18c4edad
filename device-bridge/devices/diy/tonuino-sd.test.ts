import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { makeToneMp3s } from './test-mp3-tracks';
import { TONUINO_MAX_TRACKS, listTonuinoFolders, writeTonuinoFolder } from './tonuino-sd';
import { TransferError } from '../../transfer/transfer-error';

const sha = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

let work: string;
let sources: string[];
let sd: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-tonuino-'));
  sources = await makeToneMp3s(work, 4);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  sd = await mkdtemp(join(work, 'sd-'));
  // A card as TonUINO-TNG ships it: system prompts that must stay as they are.
  await mkdir(join(sd, 'mp3'));
  await mkdir(join(sd, 'advert'));
  await writeFile(join(sd, 'mp3', '0001_select_folder.mp3'), 'prompt');
  await writeFile(join(sd, 'advert', '0001.mp3'), 'advert');
});

async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map(String).sort();
}

describe('TonUINO SD card', () => {
  it('writes the tracks as 01/001.mp3, 002.mp3… in the order given', async () => {
    const order = [sources[2]!, sources[0]!, sources[3]!];
    const written = await writeTonuinoFolder(sd, { tracks: order });
    expect(written.folder).toBe(1);
    expect(written.folderName).toBe('01');
    expect((await readdir(join(sd, '01'))).sort()).toEqual(['001.mp3', '002.mp3', '003.mp3']);
    for (const [i, source] of order.entries()) {
      expect(await sha(join(sd, '01', `00${i + 1}.mp3`))).toBe(await sha(source));
    }
  });

  it('takes the lowest free folder, leaving mp3/ and advert/ alone', async () => {
    await mkdir(join(sd, '01'));
    await writeFile(join(sd, '01', '001.mp3'), 'used');
    await mkdir(join(sd, '02'));
    await writeFile(join(sd, '02', '.DS_Store'), 'litter only: still free');
    await mkdir(join(sd, '03'));
    await writeFile(join(sd, '03', '001.mp3'), 'used');
    const written = await writeTonuinoFolder(sd, { tracks: [sources[0]!] });
    expect(written.folderName).toBe('02');
    expect(await readdir(join(sd, '02'))).toEqual(['001.mp3']);
    const next = await writeTonuinoFolder(sd, { tracks: [sources[1]!] });
    expect(next.folderName).toBe('04');
    expect(await readFile(join(sd, 'mp3', '0001_select_folder.mp3'), 'utf8')).toBe('prompt');
    expect(await readFile(join(sd, 'advert', '0001.mp3'), 'utf8')).toBe('advert');
    expect(await readdir(join(sd, 'mp3'))).toEqual(['0001_select_folder.mp3']);
  });

  it('refuses to overwrite a folder with files unless asked, then replaces it whole', async () => {
    await writeTonuinoFolder(sd, { folder: 5, tracks: sources.slice(0, 3) });
    const before = await tree(sd);
    const refused = await writeTonuinoFolder(sd, { folder: 5, tracks: [sources[3]!] }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TransferError);
    expect(refused).toMatchObject({
      code: 'already-installed',
      message: expect.stringContaining('Folder 05'),
    });
    expect(await tree(sd)).toEqual(before);

    await writeTonuinoFolder(sd, { folder: 5, tracks: [sources[3]!] }, { replace: true });
    expect(await readdir(join(sd, '05'))).toEqual(['001.mp3']);
    expect(await sha(join(sd, '05', '001.mp3'))).toBe(await sha(sources[3]!));
    expect((await readdir(sd)).filter((name) => name.startsWith('.talemo'))).toEqual([]);
  });

  it(`refuses more than ${TONUINO_MAX_TRACKS} tracks before writing anything, and takes exactly ${TONUINO_MAX_TRACKS}`, async () => {
    const before = await tree(sd);
    const tooMany = new Array<string>(TONUINO_MAX_TRACKS + 1).fill(sources[0]!);
    await expect(writeTonuinoFolder(sd, { tracks: tooMany })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/at most 255 tracks and this story has 256/),
    });
    expect(await tree(sd)).toEqual(before);

    const written = await writeTonuinoFolder(sd, { tracks: tooMany.slice(1) });
    const names = await readdir(join(sd, written.folderName));
    expect(names.length).toBe(255);
    expect(names.sort().at(-1)).toBe('255.mp3');
  });

  it.each([0, 100, 1.5, -3])('refuses folder number %s', async (folder) => {
    await expect(writeTonuinoFolder(sd, { folder, tracks: [sources[0]!] })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('numbered 1 to 99'),
    });
  });

  it('names a track that is not an MP3, or missing, and writes nothing', async () => {
    const fake = join(work, 'notes.mp3');
    await writeFile(fake, 'this is text, not audio');
    const wav = join(work, 'voice.wav');
    await writeFile(wav, 'RIFF');
    const missing = join(work, 'gone.mp3');
    const before = await tree(sd);
    await expect(writeTonuinoFolder(sd, { tracks: [sources[0]!, fake] })).rejects.toThrow(
      /notes\.mp3 .* does not start like an MP3/,
    );
    await expect(writeTonuinoFolder(sd, { tracks: [wav] })).rejects.toThrow(/voice\.wav .* is a \.wav file/);
    await expect(writeTonuinoFolder(sd, { tracks: [missing] })).rejects.toThrow(
      /gone\.mp3 .* does not exist/,
    );
    expect(await tree(sd)).toEqual(before);
  });

  it('says when the card is not there', async () => {
    await expect(writeTonuinoFolder(join(sd, 'nope'), { tracks: [sources[0]!] })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('says when all 99 folders are used', async () => {
    for (let n = 1; n <= 99; n += 1) {
      const folder = join(sd, String(n).padStart(2, '0'));
      await mkdir(folder);
      await writeFile(join(folder, '001.mp3'), 'x');
    }
    await expect(writeTonuinoFolder(sd, { tracks: [sources[0]!] })).rejects.toMatchObject({
      code: 'no-space',
      message: expect.stringContaining('All 99 TonUINO folders'),
    });
  });

  it('never shows the folder half-written, and leaves nothing when cancelled', async () => {
    const controller = new AbortController();
    const seen: boolean[] = [];
    const writing = writeTonuinoFolder(
      sd,
      { folder: 9, tracks: sources },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          seen.push(existsSync(join(sd, '09')));
          if (progress.tracksDone === 2) controller.abort();
        },
      },
    );
    await expect(writing).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((visible) => !visible)).toBe(true);
    await expect(stat(join(sd, '09'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readdir(sd)).sort()).toEqual(['advert', 'mp3']);
  });

  it('reports progress in tracks and bytes up to the total', async () => {
    const reports: Array<{ tracksDone: number; bytesDone: number; bytesTotal: number }> = [];
    await writeTonuinoFolder(sd, { tracks: sources }, { onProgress: (p) => reports.push(p) });
    const total = (await Promise.all(sources.map(async (s) => (await stat(s)).size))).reduce((a, b) => a + b);
    expect(reports.at(-1)).toMatchObject({ tracksDone: 4, bytesDone: total, bytesTotal: total });
  });
});

describe('listing TonUINO folders', () => {
  it('lists content folders with their tracks in number order, and what may confuse the box', async () => {
    await writeTonuinoFolder(sd, { folder: 2, tracks: sources.slice(0, 2) });
    await mkdir(join(sd, '07'));
    await writeFile(join(sd, '07', '003_end.mp3'), 'c');
    await writeFile(join(sd, '07', '001_start.mp3'), 'a');
    await writeFile(join(sd, '07', '001_again.mp3'), 'a2');
    await writeFile(join(sd, '07', '._001_start.mp3'), 'mac');
    await mkdir(join(sd, 'stories'));
    await mkdir(join(sd, '100'));

    const folders = await listTonuinoFolders(sd);
    expect(folders.map((f) => f.folderName)).toEqual(['02', '07']);
    const [two, seven] = folders;
    expect(two!.tracks.map((t) => t.name)).toEqual(['001.mp3', '002.mp3']);
    expect(two!.problems).toEqual([]);
    expect(seven!.tracks.map((t) => t.number)).toEqual([1, 1, 3]);
    expect(seven!.otherFiles).toEqual(['._001_start.mp3']);
    expect(seven!.problems).toEqual([
      '2 files share the number 001',
      'track 002 is missing: the box numbers tracks by count',
      'system files (._001_start.mp3) that some DFPlayer modules count as tracks',
    ]);
  });
});
