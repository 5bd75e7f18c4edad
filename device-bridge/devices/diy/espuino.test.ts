import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { espuinoTrackName, writeEspuinoFolder } from './espuino-sd';
import { EspuinoPlayMode, assignEspuinoTag, espuinoTagIdFromUid, readEspuinoTag } from './espuino-tag';
import { FakeEspuinoServer } from './fake-espuino-server';
import { makeToneMp3s } from './test-mp3-tracks';

const sha = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

let work: string;
let sources: string[];
let sd: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-espuino-'));
  sources = await makeToneMp3s(work, 3);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
beforeEach(async () => {
  sd = await mkdtemp(join(work, 'sd-'));
});

describe('ESPuino SD card', () => {
  it('writes a folder per story with numbered tracks that sort in play order', async () => {
    const written = await writeEspuinoFolder(sd, {
      name: 'Le Renard',
      parent: '/Talemo',
      tracks: [
        { source: sources[1]!, title: 'Début' },
        { source: sources[0]!, title: 'Milieu' },
        { source: sources[2]!, title: 'fin' },
      ],
    });
    expect(written.sdPath).toBe('/Talemo/Le Renard');
    const names = await readdir(join(sd, 'Talemo', 'Le Renard'));
    const expected = ['001 - Début.mp3', '002 - Milieu.mp3', '003 - fin.mp3'];
    // ESPuino sorts by strcmp or natural case-insensitive order: both must give play order.
    expect([...names].sort()).toEqual(expected);
    expect(
      [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })),
    ).toEqual(expected);
    expect(await sha(join(written.folder, '001 - Début.mp3'))).toBe(await sha(sources[1]!));
    expect(await sha(join(written.folder, '003 - fin.mp3'))).toBe(await sha(sources[2]!));
  });

  it('makes an unsafe story name safe for FAT and for ESPuino', async () => {
    const written = await writeEspuinoFolder(sd, { name: 'Fox: #1 / the "best"?^ ', tracks: [sources[0]!] });
    expect(written.sdPath).toBe('/Fox 1 the best');
    expect(await readdir(join(sd, 'Fox 1 the best'))).toEqual(['001.mp3']);
  });

  it('pads track numbers past 999 so the order still holds', () => {
    expect(espuinoTrackName(1, 1000, 'mp3')).toBe('0001.mp3');
    expect(espuinoTrackName(1000, 1000, 'opus', 'Fin / end')).toBe('1000 - Fin end.opus');
    expect(espuinoTrackName(7, 12, 'mp3', 'Chapter #7')).toBe('007 - Chapter 7.mp3');
  });

  it('refuses to overwrite a story folder with files unless asked', async () => {
    await writeEspuinoFolder(sd, { name: 'Story', tracks: sources });
    await expect(writeEspuinoFolder(sd, { name: 'Story', tracks: [sources[0]!] })).rejects.toMatchObject({
      code: 'already-installed',
      message: expect.stringContaining('/Story'),
    });
    expect((await readdir(join(sd, 'Story'))).length).toBe(3);
    await writeEspuinoFolder(sd, { name: 'Story', tracks: [sources[0]!] }, { replace: true });
    expect(await readdir(join(sd, 'Story'))).toEqual(['001.mp3']);
  });

  it('refuses files ESPuino does not play, and bad parent folders', async () => {
    const text = join(work, 'readme.txt');
    await writeFile(text, 'hello');
    await expect(writeEspuinoFolder(sd, { name: 'S', tracks: [text] })).rejects.toThrow(
      /readme\.txt .* is a \.txt file/,
    );
    await expect(
      writeEspuinoFolder(sd, { name: 'S', parent: '/a/../b', tracks: [sources[0]!] }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      writeEspuinoFolder(sd, { name: 'S', parent: '/Kids#1', tracks: [sources[0]!] }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(await readdir(sd)).toEqual([]);
  });
});

describe('ESPuino tag assignment over HTTP', () => {
  let box: FakeEspuinoServer;
  beforeEach(async () => {
    box = await FakeEspuinoServer.start();
  });
  afterEach(async () => {
    await box.stop();
  });

  it('posts the assignment to /rfid as the REST API takes it, and reads it back', async () => {
    const stored = await assignEspuinoTag(box.baseUrl, '222173190239', {
      path: '/Talemo/Le Renard/',
      playMode: EspuinoPlayMode.audiobook,
    });
    expect(box.posts).toEqual([{ id: '222173190239', fileOrUrl: '/Talemo/Le Renard', playMode: 3 }]);
    expect(box.nvs.get('222173190239')).toBe('#/Talemo/Le Renard#0#3#0');
    expect(stored).toEqual({
      id: '222173190239',
      fileOrUrl: '/Talemo/Le Renard',
      playMode: 3,
      lastPlayPos: 0,
      trackLastPlayed: 0,
    });
    expect(await readEspuinoTag(box.baseUrl.replace('http://', ''), '222173190239')).toEqual(stored);
  });

  it('assigns a modification card', async () => {
    const stored = await assignEspuinoTag(box.baseUrl, '900000000001', { modId: 110 });
    expect(box.nvs.get('900000000001')).toBe('#0#0#110#0');
    expect(stored).toEqual({ id: '900000000001', modId: 110 });
  });

  it('reads an unknown tag as none, although the box answers its whole list', async () => {
    await assignEspuinoTag(box.baseUrl, '111111111111', { path: '/a', playMode: 5 });
    expect(await readEspuinoTag(box.baseUrl, '222222222222')).toBeNull();
  });

  it.each([
    ['12345', { path: '/a', playMode: 5 }, /not an ESPuino tag id/],
    ['123456789012', { path: '/a', playMode: 10 }, /play mode 10 does not exist/],
    ['123456789012', { path: '/a#b', playMode: 5 }, /"#" or "\^"/],
    ['123456789012', { path: 'Talemo/a', playMode: 5 }, /must start with "\/"/],
    ['123456789012', { modId: 42 }, /numbered 100 to 255/],
  ] as const)('refuses %s %j before sending anything', async (tag, assignment, message) => {
    await expect(assignEspuinoTag(box.baseUrl, tag, assignment)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(message),
    });
    expect(box.posts).toEqual([]);
  });

  it('notices a box that said yes but did not keep the assignment', async () => {
    box.dropWrites = true;
    await expect(
      assignEspuinoTag(box.baseUrl, '123456789012', { path: '/a', playMode: 5 }),
    ).rejects.toMatchObject({
      code: 'not-confirmed',
    });
  });

  it('says when the box cannot be reached', async () => {
    const gone = await FakeEspuinoServer.start();
    await gone.stop();
    await expect(
      assignEspuinoTag(gone.baseUrl, '123456789012', { path: '/a', playMode: 5 }, { timeoutMs: 2000 }),
    ).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining(gone.baseUrl) });
  });

  it('derives the tag id ESPuino shows from a card UID', () => {
    expect(espuinoTagIdFromUid(Uint8Array.of(0xde, 0xad, 0xbe, 0xef))).toBe('222173190239');
    expect(espuinoTagIdFromUid(Uint8Array.of(0x04, 0x5a, 0x3c, 0x12, 0x9a, 0x61, 0x80))).toBe('004090060018');
  });
});

describe('ESPuino story end to end', () => {
  it('writes the folder, then assigns a tag to its SD path', async () => {
    const box = await FakeEspuinoServer.start();
    try {
      await mkdir(join(sd, 'Talemo'));
      const written = await writeEspuinoFolder(sd, { name: 'Nuit', parent: '/Talemo', tracks: sources });
      await assignEspuinoTag(box.baseUrl, '004090060018', {
        path: written.sdPath,
        playMode: EspuinoPlayMode.allTracksSorted,
      });
      expect(box.nvs.get('004090060018')).toBe('#/Talemo/Nuit#0#5#0');
    } finally {
      await box.stop();
    }
  });
});
