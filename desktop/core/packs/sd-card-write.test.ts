/** A library story onto simulated SD cards (real folders): real narration, real MP3s and TAF, read back. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TalemoCore } from '../talemo-core';
import { writeStoryToSdCard } from './sd-card-write';

let core: TalemoCore;
let storyId: string;

beforeAll(async () => {
  core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-sd-card-')));
  storyId = core.list({}).find((summary) => summary.title === 'Pip and the Lantern Moth')!.id;
}, 60_000);
afterAll(() => core.close());

function card(): string {
  return mkdtempSync(join(tmpdir(), 'talemo-sd-'));
}

/** MPEG audio starts with a frame sync (or an ID3 tag before it). */
function looksLikeMp3(path: string): boolean {
  const head = readFileSync(path).subarray(0, 3);
  return head.toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0);
}

describe('writeStoryToSdCard', { timeout: 120_000 }, () => {
  it('should write a TonUINO folder: numbered MP3s, one per chapter, with progress', async () => {
    const root = card();
    mkdirSync(join(root, '01')); // taken: the story goes to the lowest free folder
    const phases = new Set<string>();
    const written = await writeStoryToSdCard(
      core,
      { storyId, box: 'tonuino', root },
      { onProgress: (phase) => phases.add(phase) },
    );
    expect(written.box).toBe('tonuino');
    expect(written.location).toMatch(/^\d\d$/);
    expect(written.files.length).toBeGreaterThan(0);
    expect(written.files[0]).toBe(`${written.location}/001.mp3`);
    const onCard = readdirSync(join(root, written.location)).sort();
    expect(onCard).toEqual(written.files.map((file) => file.split('/')[1]).sort());
    for (const file of written.files) {
      expect(statSync(join(root, file)).size).toBeGreaterThan(1000);
      expect(looksLikeMp3(join(root, file))).toBe(true);
    }
    expect(written.note).toMatch(/album mode/);
    expect(phases).toContain('copying');
  });

  it('should refuse a TonUINO folder that already holds files, leaving it as it was', async () => {
    const root = card();
    mkdirSync(join(root, '05'));
    const kept = join(root, '05', '001.mp3');
    writeFileSync(kept, 'old');
    await expect(
      writeStoryToSdCard(core, { storyId, box: 'tonuino', root, folder: 5 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/Folder 05 on the card already holds files/),
    });
    expect(readFileSync(kept, 'utf8')).toBe('old');
  });

  it('should write an ESPuino story folder under /Talemo named after the story', async () => {
    const root = card();
    const written = await writeStoryToSdCard(core, { storyId, box: 'espuino', root });
    expect(written.location).toBe('/Talemo/Pip and the Lantern Moth');
    for (const file of written.files) expect(looksLikeMp3(join(root, file))).toBe(true);
  });

  it('should write a Tonie file at the tag’s path on a Toniebox card, and refuse a bad UID', async () => {
    const root = card();
    mkdirSync(join(root, 'CONTENT'));
    const written = await writeStoryToSdCard(core, {
      storyId,
      box: 'tonies',
      root,
      uid: 'E0:04:03:50:0D:0D:3F:47',
    });
    expect(written.location).toBe('CONTENT/473F0D0D/500304E0');
    expect(written.replaced).toBe(false);
    expect(statSync(join(root, written.location)).size).toBeGreaterThan(4096);

    await expect(writeStoryToSdCard(core, { storyId, box: 'tonies', root })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/UID/),
    });
    await expect(
      writeStoryToSdCard(core, { storyId, box: 'tonies', root, uid: 'not-a-uid' }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('should stop when cancelled, leaving nothing on the card', async () => {
    const root = card();
    const controller = new AbortController();
    const writing = writeStoryToSdCard(
      core,
      { storyId, box: 'tonuino', root },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(writing).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(root).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(existsSync(join(root, '01'))).toBe(false);
  });
});
