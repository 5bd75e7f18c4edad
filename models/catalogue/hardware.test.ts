import { describe, expect, it } from 'vitest';

import { detectHardware, type GpuProbe, type SystemProbe } from './hardware';

const GIB = 1024 ** 3;

/** A described machine instead of this one. */
const laptopWith8GiB: SystemProbe = {
  totalmem: () => 8 * GIB,
  freemem: () => 3 * GIB,
  availableParallelism: () => 4,
};

describe('detectHardware', () => {
  it('should report memory, cores and the GPU the probe found', async () => {
    const gpuProbe: GpuProbe = async () => ({ backend: 'vulkan', deviceNames: ['Test GPU'] });

    expect(await detectHardware({ system: laptopWith8GiB, gpuProbe })).toEqual({
      totalRamBytes: 8 * GIB,
      freeRamBytes: 3 * GIB,
      cpuCores: 4,
      gpu: { backend: 'vulkan', deviceNames: ['Test GPU'] },
    });
  });

  it('should report gpu: null when the GPU probe fails', async () => {
    const failingProbe: GpuProbe = async () => {
      throw new Error('no binary for this platform');
    };

    const hardware = await detectHardware({ system: laptopWith8GiB, gpuProbe: failingProbe });

    expect(hardware.gpu).toBeNull();
    expect(hardware.cpuCores).toBe(4);
  });

  it('should describe this machine through node:os and node-llama-cpp without failing', async () => {
    const hardware = await detectHardware();

    expect(hardware.totalRamBytes).toBeGreaterThan(0);
    expect(hardware.cpuCores).toBeGreaterThanOrEqual(1);
    if (hardware.gpu !== null) {
      expect(['cuda', 'vulkan', 'metal']).toContain(hardware.gpu.backend);
    }
  });
});
