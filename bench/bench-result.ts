/** One benchmark's outcome: its time and its baseline's, best of its runs, same machine, same run. */
export interface BenchResult {
  name: string;
  baseline: string;
  ms: number;
  baselineMs: number;
}
