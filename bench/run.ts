/** `npm run bench`: every benchmark, each printed as a ratio to its baseline. */
import type { BenchResult } from './bench-result';
import { benchDedupe } from './dedupe.bench';
import { benchDrafting } from './drafting.bench';
import { benchHashedEmbedder, benchNeuralEmbedder } from './embed-quality.bench';
import { benchKnn } from './knn.bench';
import { benchStudioImport } from './studio-import.bench';

const BENCHMARKS: Array<() => Promise<BenchResult | null>> = [
  benchStudioImport,
  benchHashedEmbedder,
  benchNeuralEmbedder,
  benchKnn,
  benchDedupe,
  benchDrafting,
];

for (const bench of BENCHMARKS) {
  const result = await bench();
  if (!result) continue; // it said why
  const ratio = result.ms / result.baselineMs;
  console.log(
    `${result.name}: ${result.ms.toFixed(0)} ms vs ${result.baseline}: ${result.baselineMs.toFixed(0)} ms` +
      ` → ratio ${ratio.toFixed(2)}x (best of runs; lower is better)`,
  );
}
