/**
 * `talemo lunii …` as an acceptance check runs it: a real process, a simulated box folder, a
 * STUdio zip made with real pictures and sounds. What is on the box afterwards is read back
 * with our own pack reader and, for the install, exported again and compared with the zip.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { encodeWavMono16 } from '../../device-bridge/audio/wav-encode';
import { makeFakeLuniiDevice } from '../../device-bridge/formats/lunii/fake-lunii-device';
import { readLuniiPack } from '../../device-bridge/formats/lunii/lunii-pack-reader';
import { parseLuniiMetadata } from '../../device-bridge/formats/lunii/lunii-metadata';
import { readStudioZip } from '../../device-bridge/formats/studio/studio-reader';
import { writeStudioZip } from '../../device-bridge/formats/studio/studio-writer';
import { encodePngRgb } from '../../device-bridge/image/png-encode';
import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../device-bridge/pack/story-graph';
import { sha256 } from '../../device-bridge/formats/studio/test-fixtures';
import { TalemoCore } from '../core/talemo-core';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tone(hz: number, seconds: number): Uint8Array {
  const rate = 22_050;
  return encodeWavMono16(
    Float32Array.from(
      { length: Math.round(rate * seconds) },
      (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate),
    ),
    rate,
  );
}

function picture(red: number, green: number, blue: number): Uint8Array {
  const pixels = new Uint8Array(64 * 48 * 3);
  for (let i = 0; i < 64 * 48; i += 1) pixels.set([(red + i) & 0xff, green, blue], i * 3);
  return encodePngRgb(64, 48, pixels);
}

const COVER = '7a1e0c52-3b8f-4d2e-9a61-0000000000c0';

/** cover → question → choice (forest | sea), both ends: what a STUdio user would make. */
async function buildZip(dir: string): Promise<string> {
  const media = {
    cover: picture(200, 120, 40),
    forestPicture: picture(20, 160, 60),
    coverSound: tone(330, 0.6),
    question: tone(440, 0.5),
    forest: tone(550, 0.7),
    sea: tone(660, 0.4),
  };
  const paths = new Map<string, string>();
  for (const bytes of Object.values(media)) {
    const path = join(dir, sha256(bytes));
    writeFileSync(path, bytes);
    paths.set(sha256(bytes), path);
  }
  const wav = (bytes: Uint8Array) => ({ hash: sha256(bytes), mime: 'audio/wav' as const });
  const png = (bytes: Uint8Array) => ({ hash: sha256(bytes), mime: 'image/png' as const });
  const id = (n: number) => `7a1e0c52-3b8f-4d2e-9a61-00000000000${n}`;
  const graph: StoryGraph = {
    coverId: COVER,
    stages: [
      {
        id: COVER,
        name: 'The fox and the sea',
        kind: 'cover',
        text: '',
        image: png(media.cover),
        audio: wav(media.coverSound),
        controls: MENU_CONTROLS,
        ok: { action: id(5), optionIndex: 0 },
        home: null,
        end: false,
      },
      {
        id: id(1),
        name: 'Which way?',
        text: '',
        image: null,
        audio: wav(media.question),
        controls: STORY_CONTROLS,
        ok: { action: id(6), optionIndex: 0 },
        home: null,
        end: false,
      },
      {
        id: id(2),
        name: 'Forest',
        text: '',
        image: png(media.forestPicture),
        audio: wav(media.forest),
        controls: MENU_CONTROLS,
        ok: null,
        home: null,
        end: true,
      },
      {
        id: id(3),
        name: 'Sea',
        text: '',
        image: null,
        audio: wav(media.sea),
        controls: STORY_CONTROLS,
        ok: null,
        home: null,
        end: true,
      },
    ],
    actions: [
      { id: id(5), name: 'start', options: [id(1)] },
      { id: id(6), name: 'choice', options: [id(2), id(3)] },
    ],
  };
  const zip = join(dir, 'fox.zip');
  await writeStudioZip(
    {
      graph,
      title: 'The fox and the sea',
      description: 'A tiny choice',
      packVersion: 3,
      nightMode: true,
      assetPath: (hash) => paths.get(hash)!,
    },
    zip,
  );
  return zip;
}

describe('talemo lunii', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-cli-lunii-'));
  const library = join(dir, 'library');
  let zip = '';

  beforeAll(async () => {
    zip = await buildZip(dir);
  });

  for (const family of ['v2', 'v3'] as const) {
    it(`should install a STUdio zip on a ${family} box that our reader then plays through`, async () => {
      const device = join(dir, `box-${family}`);
      await makeFakeLuniiDevice(device, { family, seed: family === 'v2' ? 1 : 2 });
      const install = talemo('lunii', 'install', zip, '--device', device, '--library', library, '--json');
      expect(install.stderr).toBe('');
      expect(install.status).toBe(0);
      const outcome = JSON.parse(install.stdout);
      expect(outcome.safeToUnplug).toBe(true);
      expect(outcome.installed).toEqual([
        expect.objectContaining({ uuid: COVER, folderName: '000000C0', title: 'The fox and the sea' }),
      ]);

      // The pack index lists exactly this pack, big-endian RFC 4122 bytes.
      expect(readFileSync(join(device, '.pi')).toString('hex')).toBe(COVER.replaceAll('-', ''));
      // Nothing of the transfer is left behind.
      expect(readdirSync(join(device, '.content'))).toEqual(['000000C0']);
      expect(existsSync(join(device, '.talemo-journal'))).toBe(false);

      const keys = parseLuniiMetadata(readFileSync(join(device, '.md'))).keys;
      const pack = await readLuniiPack(join(device, '.content', '000000C0'), keys);
      expect(pack.stages).toHaveLength(4);
      expect(pack.actions.map((action) => action.options.length)).toEqual([1, 2]);
      expect(pack.nightMode).toBe(true);
      expect(pack.packVersion).toBe(3);

      const list = talemo('lunii', 'list', '--device', device, '--library', library, '--json');
      expect(list.status).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual([
        expect.objectContaining({
          uuid: COVER,
          position: 1,
          title: 'The fox and the sea',
          present: true,
          hidden: false,
        }),
      ]);
    });
  }

  it('should export a pack off the box as a STUdio zip with the same story shape', async () => {
    const device = join(dir, 'box-v2');
    const out = join(dir, 'exported.zip');
    const result = talemo(
      'lunii',
      'export',
      '000000c0',
      '--out',
      out,
      '--device',
      device,
      '--library',
      library,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pack = await readStudioZip(out, { stagingDir: join(dir, 'staging-export') });
    expect(pack.title).toBe('The fox and the sea');
    expect(pack.graph.coverId).toBe(COVER);
    expect(pack.graph.stages).toHaveLength(4);
    expect(pack.graph.actions.map((action) => action.options.length)).toEqual([1, 2]);
    expect(pack.assets.filter((asset) => asset.mime === 'audio/mpeg')).toHaveLength(4);
  });

  it('should move, hide, show, switch night mode and remove packs, keeping .pi in step', async () => {
    const device = join(dir, 'box-ops');
    await makeFakeLuniiDevice(device, { family: 'v2', seed: 7 });
    expect(talemo('lunii', 'install', zip, '--device', device, '--library', library).status).toBe(0);
    // The in-between steps drive the same service in-process (each CLI run costs a process start).
    const core = await TalemoCore.open(library);
    try {
      const story = core.list()[0]!;
      const second = await core.lunii.install(device, [{ storyId: story.id }]);
      const secondUuid = second.installed[0]!.uuid;
      const order = async () => (await core.lunii.info(device)).packs;
      expect((await order()).map((pack) => pack.uuid)).toEqual([COVER, secondUuid]);
      expect((await order())[1]!.title).toBe(story.title);

      expect((await core.lunii.move(device, secondUuid, 1)).position).toBe(1);
      expect((await order()).map((pack) => pack.uuid)).toEqual([secondUuid, COVER]);
      expect(readFileSync(join(device, '.pi'))).toHaveLength(32);

      await core.lunii.setHidden(device, COVER, true);
      expect(readFileSync(join(device, '.pi'))).toHaveLength(16);
      expect(readFileSync(join(device, '.pi.hidden')).toString('hex')).toBe(COVER.replaceAll('-', ''));
      expect(existsSync(join(device, '.content.hidden', '000000C0', 'ni'))).toBe(true);
      expect((await order()).find((pack) => pack.uuid === COVER)).toMatchObject({
        hidden: true,
        position: null,
      });
      await core.lunii.setHidden(device, COVER, false);
      expect(existsSync(join(device, '.content', '000000C0', 'ni'))).toBe(true);

      await core.lunii.setNightMode(device, secondUuid, true);
      expect((await order()).find((pack) => pack.uuid === secondUuid)?.nightMode).toBe(true);
      await expect(core.lunii.remove(device, 'FFFFFFFF')).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      core.close();
    }

    const removed = talemo('lunii', 'rm', COVER, '--device', device, '--library', library);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Safe to unplug');
    const left = JSON.parse(
      talemo('lunii', 'list', '--device', device, '--library', library, '--json').stdout,
    );
    expect(left).toHaveLength(1);
    expect(existsSync(join(device, '.content', '000000C0'))).toBe(false);
  });

  it('should refuse a box whose firmware it cannot write, leaving the box untouched', async () => {
    const device = join(dir, 'box-future');
    await makeFakeLuniiDevice(device, { family: 'v2', seed: 9 });
    const md = readFileSync(join(device, '.md'));
    md.writeUInt16LE(9, 0); // an md version no tool knows
    writeFileSync(join(device, '.md'), md);
    const result = talemo('lunii', 'install', zip, '--device', device, '--library', library);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/version|firmware|support/i);
    expect(readdirSync(join(device, '.content'))).toEqual([]);
    expect(readFileSync(join(device, '.pi'))).toHaveLength(0);
  });

  it('should list a box given by folder with talemo devices', () => {
    const result = talemo('devices', '--folder', join(dir, 'box-v3'), '--folder', dir, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({
        root: join(dir, 'box-v3'),
        brand: 'lunii',
        family: 'v3',
        packCount: 1,
        problem: null,
      }),
    ]);
  });

  it('should say clearly when the folder is not a Lunii', () => {
    const result = talemo('lunii', 'info', '--device', dir, '--library', library);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Lunii|\.md/);
  });
});
