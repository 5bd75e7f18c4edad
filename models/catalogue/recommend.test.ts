import { describe, expect, it } from 'vitest';

import { loadBundledCatalogue, type Catalogue, type CatalogueEntry } from './catalogue';
import type { HardwareInfo } from './hardware';
import { recommendDraftingModel, recommendedThreads } from './recommend';

const GIB = 1024 ** 3;
const catalogue = loadBundledCatalogue();

function machine(totalGiB: number, cpuCores: number): HardwareInfo {
  return { totalRamBytes: totalGiB * GIB, freeRamBytes: GIB, cpuCores, gpu: null };
}

describe('recommendDraftingModel', () => {
  it('should pick the largest model that fits in memory minus 2 GB on a 16 GB, 8-core laptop', () => {
    const result = recommendDraftingModel(machine(16, 8), catalogue, { language: 'fr' });

    expect(result.model?.id).toBe('llama-3.2-3b-instruct-q4_k_m');
    expect(result.matchesLanguage).toBe(true);
    expect(result.threads).toBe(7);
    expect(result.ramBudgetBytes).toBe(14 * GIB);
  });

  it('should pick Qwen2.5 1.5B on a 4 GB, 2-core school laptop, with one thread', () => {
    const result = recommendDraftingModel(machine(4, 2), catalogue, { language: 'fr' });

    expect(result.model?.id).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(result.threads).toBe(1);
  });

  it('should not offer a 3B model to a 2-core laptop, however much memory it has', () => {
    const result = recommendDraftingModel(machine(24, 2), catalogue, { language: 'fr' });

    expect(result.model?.id).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(result.reason).toMatch(/2 processor cores/);
  });

  it('should pick Llama 3.2 1B when only 1.5 GB is left for a model', () => {
    expect(recommendDraftingModel(machine(3.5, 4), catalogue).model?.id).toBe('llama-3.2-1b-instruct-q4_k_m');
  });

  it('should prefer a smaller model that lists the language over a larger one that does not', () => {
    const result = recommendDraftingModel(machine(16, 4), catalogue, { language: 'zh' });

    expect(result.model?.id).toBe('qwen2.5-1.5b-instruct-q4_k_m');
    expect(result.matchesLanguage).toBe(true);
  });

  it('should fall back to the largest model, saying so, when none lists the language', () => {
    const result = recommendDraftingModel(machine(16, 8), catalogue, { language: 'nl' });

    expect(result.model?.id).toBe('llama-3.2-3b-instruct-q4_k_m');
    expect(result.matchesLanguage).toBe(false);
    expect(result.reason).toContain('"nl"');
  });

  it('should recommend nothing, and say why, when even the smallest model does not fit', () => {
    const result = recommendDraftingModel(machine(2, 1), catalogue, { language: 'fr' });

    expect(result.model).toBeNull();
    expect(result.threads).toBe(1);
    expect(result.reason).toMatch(/memory/);
  });

  it('should never suggest an unverified model', () => {
    const unverified: CatalogueEntry = {
      ...catalogue.models.find((entry) => entry.id === 'llama-3.2-3b-instruct-q4_k_m')!,
      id: 'huge-unverified',
      ramBytes: 4 * GIB,
      verified: false,
    };
    const withUnverified: Catalogue = { ...catalogue, models: [...catalogue.models, unverified] };

    expect(recommendDraftingModel(machine(32, 8), withUnverified).model?.id).toBe(
      'llama-3.2-3b-instruct-q4_k_m',
    );
  });
});

describe('recommendedThreads', () => {
  it('should leave one core free, and use at least one thread', () => {
    expect([1, 2, 4, 16].map(recommendedThreads)).toEqual([1, 1, 3, 15]);
    expect(recommendedThreads(0)).toBe(1);
  });
});
