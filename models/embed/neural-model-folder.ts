/**
 * Checks that a folder looks like a transformers.js sentence model before a worker is
 * started on it, so a wrong path or a half-copied download gives one clear error that
 * names the folder and what is missing, not a stack trace from deep inside the loader.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class NeuralModelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NeuralModelError';
  }
}

/** The files `pipeline('feature-extraction', …)` reads, for one weights variant. */
export function requiredModelFiles(dtype: 'fp32' | 'q8'): string[] {
  const weights = dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', weights];
}

/** Throws a `NeuralModelError` naming `folder` unless it holds every required file, with valid JSON. */
export function checkModelFolder(folder: string, dtype: 'fp32' | 'q8'): void {
  const expected = `a transformers.js model folder (${requiredModelFiles(dtype).join(', ')})`;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new NeuralModelError(`no model folder at ${folder}: expected ${expected}`);
  }
  const missing = requiredModelFiles(dtype).filter((file) => !existsSync(join(folder, file)));
  if (missing.length > 0) {
    throw new NeuralModelError(
      `the model folder ${folder} lacks ${missing.join(', ')}: expected ${expected}`,
    );
  }
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    try {
      JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw new NeuralModelError(`the model folder ${folder} has a corrupt ${file} (not JSON)`, {
        cause: error,
      });
    }
  }
}
