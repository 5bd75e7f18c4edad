import { describe, expect, it } from 'vitest';

import { mountFor, parseMountInfo, readMountTable } from './mount-table';

const SAMPLE = [
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
  '98 27 8:17 / /media/anna/LUNII\\040BOX rw,nosuid,nodev - vfat /dev/sdb1 rw,fmask=0022,dmask=0022',
  '99 27 8:33 / /media/anna/CARD ro,nosuid shared:7 master:1 - vfat /dev/sdc1 ro,errors=remount-ro',
  'garbage line',
].join('\n');

describe('mountinfo', () => {
  it('reads mount point, filesystem type, device and read-only flag, unescaping spaces', () => {
    expect(parseMountInfo(SAMPLE)).toEqual([
      { mountPoint: '/', fsType: 'ext4', source: '/dev/vda', readOnly: false },
      { mountPoint: '/media/anna/LUNII BOX', fsType: 'vfat', source: '/dev/sdb1', readOnly: false },
      { mountPoint: '/media/anna/CARD', fsType: 'vfat', source: '/dev/sdc1', readOnly: true },
    ]);
  });

  it('finds the mount holding a path: the longest mount point that contains it', () => {
    const table = parseMountInfo(SAMPLE);
    expect(mountFor(table, '/media/anna/LUNII BOX/.content')?.fsType).toBe('vfat');
    expect(mountFor(table, '/media/anna/LUNII')?.fsType).toBe('ext4');
    expect(mountFor(table, '/media/anna/CARD')?.readOnly).toBe(true);
  });

  it.runIf(process.platform === 'linux')('reads this machine’s table, which holds the root', async () => {
    const table = await readMountTable();
    expect(table.some((entry) => entry.mountPoint === '/')).toBe(true);
  });
});
