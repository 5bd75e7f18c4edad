/**
 * Checks that a folder holds a transformers.js Whisper model before a worker is started on
 * it, so a wrong path or a half-copied download gives one error that names the folder and
 * every missing file, not a stack trace from deep inside the loader.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class WhisperModelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WhisperModelError';
  }
}

export type WhisperDtype = 'q8' | 'fp32';

const SETTINGS_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
];

/** The ONNX files `pipeline('automatic-speech-recognition', …)` reads for one weights variant. */
export function whisperWeightFiles(dtype: WhisperDtype): string[] {
  const suffix = dtype === 'q8' ? '_quantized' : '';
  return [`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
}

/** Every file a Whisper model folder needs, for one weights variant. */
export function requiredWhisperFiles(dtype: WhisperDtype): string[] {
  return [...SETTINGS_FILES, ...whisperWeightFiles(dtype)];
}

/**
 * The weights variant the folder holds (`q8`, as the catalogue installs, when both are there),
 * or a `WhisperModelError` naming the folder and what it lacks.
 */
export function checkWhisperFolder(folder: string): WhisperDtype {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new WhisperModelError(
      `no Whisper model folder at ${folder}: install a Whisper model from the AI models page`,
    );
  const missingFor = (dtype: WhisperDtype): string[] =>
    requiredWhisperFiles(dtype).filter((file) => !existsSync(join(folder, file)));
  const quantized = missingFor('q8');
  const full = missingFor('fp32');
  const dtype: WhisperDtype = quantized.length <= full.length ? 'q8' : 'fp32';
  const missing = dtype === 'q8' ? quantized : full;
  if (missing.length > 0)
    throw new WhisperModelError(
      `the Whisper model folder ${folder} is incomplete: it lacks ${missing.join(', ')}`,
    );
  for (const file of SETTINGS_FILES) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw new WhisperModelError(`the Whisper model folder ${folder} has a corrupt ${file} (not JSON)`, {
        cause: error,
      });
    }
    if (file === 'config.json' && (json as { model_type?: unknown }).model_type !== 'whisper')
      throw new WhisperModelError(
        `${folder} holds a "${String((json as { model_type?: unknown }).model_type)}" model, not Whisper`,
      );
  }
  return dtype;
}
