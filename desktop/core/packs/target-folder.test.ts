import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { writeTargetFolder } from './target-folder';

describe('writeTargetFolder', () => {
  it('should replace the previous folder only once the new one is complete', async () => {
    const out = mkdtempSync(join(tmpdir(), 'talemo-target-'));
    mkdirSync(join(out, 'tonies'));
    writeFileSync(join(out, 'tonies', 'old.taf'), 'old');
    const { folder } = await writeTargetFolder(out, 'tonies', async (dir) => {
      // While building, the old folder is still what the box would get.
      expect(readFileSync(join(out, 'tonies', 'old.taf'), 'utf8')).toBe('old');
      writeFileSync(join(dir, 'new.taf'), 'new');
    });
    expect(folder).toBe(join(out, 'tonies'));
    expect(readdirSync(out)).toEqual(['tonies']);
    expect(readdirSync(folder)).toEqual(['new.taf']);
  });

  it('should leave the previous folder and no part folder when the build fails', async () => {
    const out = mkdtempSync(join(tmpdir(), 'talemo-target-'));
    mkdirSync(join(out, 'yoto'));
    writeFileSync(join(out, 'yoto', 'playlist.json'), '{}');
    await expect(
      writeTargetFolder(out, 'yoto', async (dir) => {
        writeFileSync(join(dir, '01.mp3'), 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(out)).toEqual(['yoto']);
    expect(readdirSync(join(out, 'yoto'))).toEqual(['playlist.json']);
  });

  it('should clear a part folder a crash left behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'talemo-target-'));
    mkdirSync(join(out, '.tonuino.part'));
    writeFileSync(join(out, '.tonuino.part', 'stale.mp3'), 'stale');
    await writeTargetFolder(out, 'tonuino', async (dir) => writeFileSync(join(dir, 'fresh.mp3'), 'x'));
    expect(existsSync(join(out, '.tonuino.part'))).toBe(false);
    expect(readdirSync(join(out, 'tonuino'))).toEqual(['fresh.mp3']);
  });
});
