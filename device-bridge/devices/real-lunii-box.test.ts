/**
 * A real Lunii, plugged in and mounted: run with
 *   TALEMO_LUNII_DEVICE=/media/$USER/LUNII npx vitest run device-bridge/devices/real-lunii-box.test.ts
 * It reads the box (its `.md`, its pack list, each pack folder) and changes nothing, unless
 * TALEMO_LUNII_WRITE=1 is set too: then it installs a small test pack, checks it, and removes it
 * (the box's `.md` and `.pi` are backed up first, as for every change). Without a box it is
 * skipped and counted apart ("needs a device"), like the tests that need ../shared/models.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { compileLuniiPack } from '../formats/lunii/lunii-pack-compiler';
import { verifyLuniiPack } from '../formats/lunii/lunii-pack-reader';
import { TEST_PACK_UUID, writeTestStory } from '../formats/lunii/lunii-test-story';
import { installPacks } from '../transfer/pack-install';
import { removePack } from '../transfer/pack-remove';
import { openLuniiBox } from './lunii-box';
import { parsePackIndex } from './pack-index';

const root = process.env.TALEMO_LUNII_DEVICE;
const write = process.env.TALEMO_LUNII_WRITE === '1';

describe.skipIf(!root)('[needs a device] a real Lunii box (TALEMO_LUNII_DEVICE=<mount point>)', () => {
  it('should read its facts and a pack list in which every pack is present', async () => {
    const box = await openLuniiBox(root!);
    expect(['v2', 'v3']).toContain(box.metadata.family);
    expect(box.metadata.serial).not.toBe('');
    parsePackIndex(await readFile(join(root!, '.pi')));
    expect(box.packs.filter((pack) => !pack.present)).toEqual([]);
  });

  it.skipIf(!write)(
    'should install, verify and remove a small pack (TALEMO_LUNII_WRITE=1)',
    { timeout: 300_000 },
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'talemo-real-lunii-'));
      const box = await openLuniiBox(root!);
      const story = await writeTestStory(join(work, 'assets'));
      const pack = await compileLuniiPack(
        {
          graph: story.graph,
          packUuid: TEST_PACK_UUID,
          packVersion: 1,
          nightMode: false,
          assetPath: story.assetPath,
        },
        box.metadata.keys,
        join(work, 'compiled'),
      );
      const dataDir = join(work, 'data');
      const result = await installPacks(root!, [{ uuid: pack.uuid, sourceDir: pack.folderPath }], {
        dataDir,
      });
      expect(result.safeToUnplug).toBe(true);
      expect(await verifyLuniiPack(join(root!, '.content', pack.folderName), box.metadata.keys)).toEqual({
        ok: true,
        problems: [],
      });
      await removePack(root!, pack.uuid, { dataDir });
      expect((await openLuniiBox(root!)).packs.map((entry) => entry.uuid)).not.toContain(pack.uuid);
    },
  );
});
