/**
 * Which drafting model to suggest for this computer, and how many threads to run it with.
 *
 * - Memory: the largest model whose `ramBytes` fits in total RAM minus 2 GiB, the headroom the
 *   system, the app and a browser tab need alongside it.
 * - Language: among those that fit, one that lists the parent's language wins over a larger
 *   one that does not.
 * - Speed: with 4 cores or fewer, nothing needing more than 2 GiB (the 3B class): on one or
 *   three threads it drafts at a few tokens a second (research/models.md, section 3), too slow
 *   for a bedtime story, whatever the memory.
 * - Threads: cores − 1 (at least 1). node-llama-cpp's default of max(cores, 4) made generation
 *   fall from ~1,500 to ~5 tokens/s on 2 cores (research/models.md, pitfall 1).
 */
import { listModels, type Catalogue, type CatalogueEntry, downloadSizeBytes } from './catalogue';
import type { HardwareInfo } from './hardware';

export const RAM_HEADROOM_BYTES = 2 * 1024 ** 3;
/** The largest model a small CPU (FEW_CORES or fewer) is offered. */
export const FEW_CORES = 4;
export const FEW_CORES_MAX_MODEL_RAM = 2 * 1024 ** 3;

export interface DraftingRecommendation {
  /** Null when no drafting model fits in this computer's memory. */
  model: CatalogueEntry | null;
  /** Threads for `createContext({ threads })`. */
  threads: number;
  /** Memory a model may use here: total RAM minus the headroom. */
  ramBudgetBytes: number;
  /** Whether the recommended model lists the requested language. */
  matchesLanguage: boolean;
  /** One plain sentence for the parent. */
  reason: string;
}

export function recommendedThreads(cpuCores: number): number {
  return Math.max(1, Math.floor(cpuCores) - 1);
}

function largestFirst(a: CatalogueEntry, b: CatalogueEntry): number {
  return b.ramBytes - a.ramBytes || (downloadSizeBytes(b) ?? 0) - (downloadSizeBytes(a) ?? 0);
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function recommendDraftingModel(
  hardware: HardwareInfo,
  catalogue: Catalogue,
  options: { language?: string } = {},
): DraftingRecommendation {
  const threads = recommendedThreads(hardware.cpuCores);
  const ramBudgetBytes = Math.max(0, hardware.totalRamBytes - RAM_HEADROOM_BYTES);
  // Unverified entries need an explicit opt-in to install, so they are never suggested.
  const fewCores = hardware.cpuCores <= FEW_CORES;
  const sizeLimit = fewCores ? Math.min(ramBudgetBytes, FEW_CORES_MAX_MODEL_RAM) : ramBudgetBytes;
  const fitting = listModels(catalogue, 'llm')
    .filter((entry) => entry.verified && entry.ramBytes <= sizeLimit)
    .sort(largestFirst);
  const language = options.language?.toLowerCase();
  const inLanguage = language
    ? fitting.filter((entry) =>
        entry.languages.some(
          (l) => l.toLowerCase() === language || l.toLowerCase().startsWith(`${language}-`),
        ),
      )
    : [];

  const model = inLanguage[0] ?? fitting[0] ?? null;
  const matchesLanguage = model !== null && inLanguage.includes(model);
  let reason: string;
  if (!model) {
    reason = `This computer has ${gib(hardware.totalRamBytes)} of memory; even the smallest story-writing model needs more.`;
  } else if (language && !matchesLanguage) {
    reason = `${model.name} is the largest model that fits in ${gib(hardware.totalRamBytes)} of memory; none that fits lists "${language}".`;
  } else {
    const fits = fewCores
      ? `runs at a good pace on ${hardware.cpuCores} processor cores with ${gib(hardware.totalRamBytes)} of memory`
      : `fits in ${gib(hardware.totalRamBytes)} of memory`;
    reason = `${model.name} is the largest model${language ? ` for "${language}"` : ''} that ${fits}.`;
  }
  return { model, threads, ramBudgetBytes, matchesLanguage, reason };
}
