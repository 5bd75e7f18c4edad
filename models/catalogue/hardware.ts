/**
 * What this computer can run: memory, processor cores and, through node-llama-cpp, a GPU.
 * The GPU probe loads a native binary and can fail on odd machines; it is injectable and its
 * failure only means "no GPU", never an error for the parent.
 */
import os from 'node:os';

export interface GpuInfo {
  /** The llama.cpp backend that would drive it. */
  backend: 'cuda' | 'vulkan' | 'metal';
  deviceNames: string[];
}

export interface HardwareInfo {
  totalRamBytes: number;
  freeRamBytes: number;
  cpuCores: number;
  gpu: GpuInfo | null;
}

export type GpuProbe = () => Promise<GpuInfo | null>;

/** The parts of node:os this reads, so tests can describe any machine. */
export interface SystemProbe {
  totalmem(): number;
  freemem(): number;
  availableParallelism(): number;
}

/** Asks node-llama-cpp which GPU backend it would use; never builds or downloads anything. */
export const nodeLlamaCppGpuProbe: GpuProbe = async () => {
  // Imported here, not at the top: loading the native addon is slow and only this probe needs it.
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error });
  try {
    if (llama.gpu === false) return null;
    return { backend: llama.gpu, deviceNames: await llama.getGpuDeviceNames() };
  } finally {
    await llama.dispose();
  }
};

export interface DetectHardwareOptions {
  gpuProbe?: GpuProbe;
  system?: SystemProbe;
}

export async function detectHardware(options: DetectHardwareOptions = {}): Promise<HardwareInfo> {
  const system = options.system ?? os;
  let gpu: GpuInfo | null;
  try {
    gpu = await (options.gpuProbe ?? nodeLlamaCppGpuProbe)();
  } catch {
    // No usable GPU binary, no driver, a sandbox: drafting still works on the processor.
    gpu = null;
  }
  return {
    totalRamBytes: system.totalmem(),
    freeRamBytes: system.freemem(),
    cpuCores: Math.max(1, system.availableParallelism()),
    gpu,
  };
}
