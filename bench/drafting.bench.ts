/**
 * Drafting on the tiny GGUF beside the repository, when it is there: a Fabrique draft through
 * our whole path (worker thread, JSON-schema grammar, streamed previews) against
 * node-llama-cpp's own chat session doing the same prompt, grammar, seed and token limit in
 * this process, measured in the same run and interleaved. Same seed, same tokens: the ratio
 * is our overhead. Also time to first token and the memory the loaded model adds.
 */
import os from 'node:os';

import { getLlama, LlamaChatSession, LlamaLogLevel } from 'node-llama-cpp';

import { draftPrompt } from '../models/llm/draft-prompts';
import { LocalLlm } from '../models/llm/local-llm';
import { checkDraftRequest, draftWithModel } from '../models/llm/story-drafting';
import { HAS_TEST_GGUF, TEST_FABRIQUE_REQUEST, TEST_GGUF } from '../models/llm/test-llm';
import type { BenchResult } from './bench-result';

const RUNS = 5;
const REQUEST = { ...TEST_FABRIQUE_REQUEST, length: 'medium' } as const;

export async function benchDrafting(): Promise<BenchResult | null> {
  if (!HAS_TEST_GGUF) {
    console.log(`drafting: skipped, no test model at ${TEST_GGUF}`);
    return null;
  }
  const threads = 1;
  const rssBefore = process.memoryUsage().rss;
  const ours = await LocalLlm.load(TEST_GGUF, { threads, contextSize: 2048 });
  const rssLoaded = process.memoryUsage().rss;
  const llama = await getLlama({
    gpu: false,
    build: 'never',
    logLevel: LlamaLogLevel.error,
    maxThreads: threads,
  });
  const model = await llama.loadModel({ modelPath: TEST_GGUF });
  const context = await model.createContext({ threads, contextSize: 2048 });
  const sequence = context.getSequence();
  const prompt = draftPrompt(checkDraftRequest(REQUEST));
  const grammar = await llama.createGrammarForJsonSchema(prompt.schema as never);
  try {
    let best = { perSecond: 0, firstTokenMs: Infinity, tokens: 0 };
    let baseline = { perSecond: 0, tokens: 0 };
    let previews = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const seed = 1000 + run;
      const result = await draftWithModel(ours, REQUEST, { seed, onPreview: () => (previews += 1) });
      const { outputTokens, totalMs, firstTokenMs } = result.provenance;
      const perSecond = (outputTokens / totalMs) * 1000;
      if (perSecond > best.perSecond)
        best = { perSecond, firstTokenMs: firstTokenMs ?? Infinity, tokens: outputTokens };

      const session = new LlamaChatSession({
        contextSequence: sequence,
        systemPrompt: prompt.system,
        autoDisposeSequence: false,
      });
      const before = sequence.tokenMeter.getState();
      const start = performance.now();
      await session.prompt(prompt.user, { grammar, maxTokens: prompt.maxTokens, seed, temperature: 0.8 });
      const ms = performance.now() - start;
      const tokens = sequence.tokenMeter.getState().usedOutputTokens - before.usedOutputTokens;
      session.dispose({ disposeSequence: false });
      const rawPerSecond = (tokens / ms) * 1000;
      if (rawPerSecond > baseline.perSecond) baseline = { perSecond: rawPerSecond, tokens };
    }
    console.log(
      `drafting (tiny random GGUF, ${threads} thread of ${os.availableParallelism()}), best of ${RUNS} runs:`,
    );
    console.log(
      `  ours: ${best.perSecond.toFixed(0)} tokens/s (${best.tokens} tokens), first token after ${best.firstTokenMs.toFixed(0)} ms, ${previews} previews;` +
        ` node-llama-cpp chat session: ${baseline.perSecond.toFixed(0)} tokens/s (${baseline.tokens} tokens)`,
    );
    console.log(
      `  memory: the loaded model added ${((rssLoaded - rssBefore) / 1024 ** 2).toFixed(0)} MB to the process`,
    );
    // Tokens per second as times per 1000 tokens, so the ratio reads like the others (lower is better).
    return {
      name: 'drafting, time per 1000 tokens (ours: worker + grammar + previews)',
      baseline: 'node-llama-cpp LlamaChatSession, same prompt, grammar and seed, in process',
      ms: 1_000_000 / best.perSecond,
      baselineMs: 1_000_000 / baseline.perSecond,
    };
  } finally {
    await ours.close();
    await context.dispose();
    await model.dispose();
  }
}
