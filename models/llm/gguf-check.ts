/**
 * Checks a GGUF model file before llama.cpp gets it. Why first: llama.cpp may abort the whole
 * process on a truncated or corrupt file, and loading a model larger than the memory makes
 * the laptop swap to a halt; both must be a clear message instead. Reads the header only
 * (node-llama-cpp's GGUF reader), never the weights.
 */
import { open, stat } from 'node:fs/promises';
import os from 'node:os';

import { GgufInsights, readGgufFileInfo } from 'node-llama-cpp';

import { LlmModelError } from './llm-model-error';

export interface GgufFacts {
  path: string;
  sizeBytes: number;
  architecture: string;
  name: string;
  trainContextSize: number | undefined;
  /** Bytes of weights llama.cpp maps into memory. */
  weightsBytes: number;
}

/** Memory the machine can give a model: all of it less what the system and the app keep. */
export interface MemoryProbe {
  totalBytes(): number;
}

const SYSTEM_HEADROOM_BYTES = 1.5 * 1024 ** 3;
const GGUF_MAGIC = 'GGUF';

export const systemMemory: MemoryProbe = { totalBytes: () => os.totalmem() };

export async function checkGgufFile(path: string, memory: MemoryProbe = systemMemory): Promise<GgufFacts> {
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new LlmModelError('not-found', `${path} is a folder, not a model file (.gguf).`);
    sizeBytes = info.size;
  } catch (error) {
    if (error instanceof LlmModelError) throw error;
    throw new LlmModelError('not-found', `No model file at ${path}.`, { cause: error });
  }
  if (!(await startsWithMagic(path))) {
    throw new LlmModelError('not-gguf', `${path} is not a GGUF model file (it does not start with "GGUF").`);
  }
  let facts: Omit<GgufFacts, 'path' | 'sizeBytes'>;
  let expectedBytes: number;
  try {
    const info = await readGgufFileInfo(path, { readTensorInfo: true, logWarnings: false });
    const insights = await GgufInsights.from(info);
    expectedBytes = (info.infoEndOffset ?? 0) + insights.modelSize;
    facts = {
      architecture: String(info.metadata.general?.architecture ?? 'unknown'),
      name: String(info.metadata.general?.name ?? ''),
      trainContextSize: insights.trainContextSize,
      weightsBytes: insights.modelSize,
    };
  } catch (error) {
    throw new LlmModelError('corrupt', `${path} is a damaged GGUF file: its header cannot be read.`, {
      cause: error,
    });
  }
  if (sizeBytes < expectedBytes) {
    throw new LlmModelError(
      'truncated',
      `${path} is incomplete (${formatBytes(sizeBytes)} of ${formatBytes(expectedBytes)}): download it again.`,
    );
  }
  const usable = memory.totalBytes() - SYSTEM_HEADROOM_BYTES;
  if (facts.weightsBytes > usable) {
    throw new LlmModelError(
      'too-big',
      `${path} needs about ${formatBytes(facts.weightsBytes)} of memory; this computer can give it ${formatBytes(Math.max(0, usable))}. Choose a smaller model.`,
    );
  }
  return { path, sizeBytes, ...facts };
}

async function startsWithMagic(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.toString('latin1') === GGUF_MAGIC;
  } finally {
    await file.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}
