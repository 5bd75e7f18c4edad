/** `npm run bench [-- <name>]`: every benchmark (or those named), each printed as a ratio to its baseline. */
import { benchAudio } from './audio.bench';
import type { BenchResult } from './bench-result';
import { benchCloudSync } from './cloud-sync.bench';
import { benchDedupe } from './dedupe.bench';
import { benchDrafting } from './drafting.bench';
import { benchHashedEmbedder, benchNeuralEmbedder } from './embed-quality.bench';
import { benchKnn } from './knn.bench';
import { benchLuniiInstall } from './lunii-install.bench';
import { benchStudioImport } from './studio-import.bench';

const BENCHMARKS: Array<() => Promise<BenchResult | BenchResult[] | null>> = [
  benchStudioImport,
  benchHashedEmbedder,
  benchNeuralEmbedder,
  benchKnn,
  benchDedupe,
  benchDrafting,
  benchAudio,
  benchCloudSync,
  benchLuniiInstall,
];

// `npm run bench -- audio` runs the benchmarks whose name holds that word.
const only = process.argv[2]?.toLowerCase();
for (const bench of BENCHMARKS.filter((candidate) => !only || candidate.name.toLowerCase().includes(only))) {
  const outcome = await bench();
  if (!outcome) continue; // it said why
  for (const result of Array.isArray(outcome) ? outcome : [outcome]) report(result);
}

function report(result: BenchResult): void {
  const ratio = result.ms / result.baselineMs;
  console.log(
    `${result.name}: ${result.ms.toFixed(0)} ms vs ${result.baseline}: ${result.baselineMs.toFixed(0)} ms` +
      ` → ratio ${ratio.toFixed(2)}x (best of runs; lower is better)`,
  );
}
