/**
 * Voice memo transcription. The error paths and the worker plumbing run everywhere: real
 * folders, a real worker thread loading transformers.js, real ONNX Runtime refusing a file
 * that is not a model. The transcription itself needs a real Whisper model: the first folder
 * under `../shared/models/` whose config.json says `"model_type": "whisper"`; without one those
 * tests are skipped (their names carry SHARED_MODEL_TAG).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SHARED_MODEL_TAG, SHARED_MODELS_DIR, sharedModel } from '../shared-models';
import { readWavSamples } from './wav-file';
import { requiredWhisperFiles } from './whisper-model-folder';
import { transcribe, WhisperModelError, WhisperTranscriber } from './whisper-transcriber';

/** A Whisper model folder among the shared test models, searched three levels deep. */
function findSharedWhisperModel(): string | undefined {
  const search = (folder: string, depth: number): string | undefined => {
    const config = join(folder, 'config.json');
    if (existsSync(config)) {
      try {
        if ((JSON.parse(readFileSync(config, 'utf8')) as { model_type?: string }).model_type === 'whisper')
          return folder;
      } catch {
        return undefined;
      }
    }
    if (depth === 0) return undefined;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const found = search(join(folder, entry.name), depth - 1);
      if (found) return found;
    }
    return undefined;
  };
  const found = existsSync(SHARED_MODELS_DIR) ? search(SHARED_MODELS_DIR, 3) : undefined;
  if (!found) console.warn(`Whisper tests are skipped: no Whisper model under ${SHARED_MODELS_DIR}.`);
  return found;
}

const WHISPER_MODEL = findSharedWhisperModel();

const root = mkdtempSync(join(tmpdir(), 'talemo-whisper-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder with every file a q8 Whisper model needs; the ONNX files hold `onnx` (or are left out). */
function whisperFolder(
  name: string,
  options: { onnx?: string; leaveOut?: string[]; config?: object } = {},
): string {
  const folder = join(root, name);
  mkdirSync(join(folder, 'onnx'), { recursive: true });
  for (const file of requiredWhisperFiles('q8')) {
    if (options.leaveOut?.includes(file)) continue;
    if (file.endsWith('.onnx')) {
      if (options.onnx !== undefined) writeFileSync(join(folder, file), options.onnx);
    } else
      writeFileSync(
        join(folder, file),
        JSON.stringify(file === 'config.json' ? (options.config ?? { model_type: 'whisper' }) : {}),
      );
  }
  return folder;
}

const second = new Float32Array(16_000);

describe('Whisper model folders that cannot be used', () => {
  it('names a missing folder', async () => {
    const missing = join(root, 'not-installed');
    const error = await transcribe(second, { modelDir: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhisperModelError);
    expect((error as Error).message).toBe(
      `no Whisper model folder at ${missing}: install a Whisper model from the AI models page`,
    );
  });

  it('lists every missing file of an incomplete folder', async () => {
    const noWeights = whisperFolder('no-weights');
    await expect(transcribe(second, { modelDir: noWeights })).rejects.toThrow(
      `the Whisper model folder ${noWeights} is incomplete: it lacks onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged_quantized.onnx`,
    );
    const half = whisperFolder('half', {
      onnx: 'x',
      leaveOut: ['tokenizer.json', 'onnx/decoder_model_merged_quantized.onnx'],
    });
    await expect(transcribe(second, { modelDir: half })).rejects.toThrow(
      /lacks tokenizer\.json, onnx\/decoder_model_merged_quantized\.onnx$/,
    );
  });

  it('refuses a folder holding another kind of model, or a corrupt config', async () => {
    const bert = whisperFolder('bert', { onnx: 'x', config: { model_type: 'bert' } });
    await expect(transcribe(second, { modelDir: bert })).rejects.toThrow(/holds a "bert" model, not Whisper/);
    const corrupt = whisperFolder('corrupt', { onnx: 'x' });
    writeFileSync(join(corrupt, 'generation_config.json'), '{ half');
    await expect(transcribe(second, { modelDir: corrupt })).rejects.toThrow(
      /corrupt generation_config\.json/,
    );
  });

  it('reports, from the worker thread, ONNX files the runtime cannot read', async () => {
    const garbage = whisperFolder('garbage', { onnx: 'not a model' });
    const error = await transcribe(second, { modelDir: garbage }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhisperModelError);
    expect((error as Error).message).toMatch(
      new RegExp(`^could not load the Whisper model at ${garbage}: .*onnx/(encoder|decoder)_model`),
    );
  });
});

describe('cancelling and bad input', () => {
  it('rejects at once, starting nothing, when cancelled before loading', async () => {
    const controller = new AbortController();
    controller.abort(new Error('parent closed the memo'));
    await expect(
      transcribe(second, {
        modelDir: whisperFolder('never-loaded', { onnx: 'x' }),
        signal: controller.signal,
      }),
    ).rejects.toThrow('parent closed the memo');
  });

  it('rejects at once when cancelled while the worker is loading', async () => {
    const controller = new AbortController();
    const loading = WhisperTranscriber.load(whisperFolder('cancelled-load', { onnx: 'x' }), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(loading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('wants 16 kHz samples in a Float32Array', async () => {
    await expect(
      transcribe(new Int16Array(16) as unknown as Float32Array, { modelDir: join(root, 'x') }),
    ).rejects.toThrow(TypeError);
  });
});

describe.skipIf(!WHISPER_MODEL)(
  `transcribing voice memos with a real Whisper model ${SHARED_MODEL_TAG}`,
  () => {
    let transcriber: WhisperTranscriber;
    let english: Float32Array;
    let french: Float32Array;

    const toFloat = (samples: Int16Array): Float32Array => Float32Array.from(samples, (s) => s / 32_768);

    beforeAll(async () => {
      const en = sharedModel('samples/espeak-en-us-16k.wav');
      const fr = sharedModel('samples/espeak-fr-16k.wav');
      english = toFloat((await readWavSamples(en.path)).samples);
      french = toFloat((await readWavSamples(fr.path)).samples);
      transcriber = await WhisperTranscriber.load(WHISPER_MODEL!);
    }, 120_000);

    afterAll(async () => {
      await transcriber?.close();
    });

    it('transcribes an English memo into text and timed chunks', async () => {
      const result = await transcriber.transcribe(english, { language: 'en' });
      expect(result.text).toMatch(/fox|ball|forest|river/i);
      expect(result.chunks.length).toBeGreaterThan(0);
      for (const chunk of result.chunks) {
        expect(chunk.startSeconds).toBeGreaterThanOrEqual(0);
        expect(chunk.endSeconds).toBeGreaterThanOrEqual(chunk.startSeconds);
        expect(chunk.endSeconds).toBeLessThanOrEqual(english.length / 16_000 + 1);
      }
    }, 120_000);

    it('transcribes a French memo', async () => {
      const result = await transcriber.transcribe(french, { language: 'fr' });
      expect(result.text).toMatch(/renard|balle|forêt|rivière/i);
    }, 120_000);

    it('cuts a memo longer than 30 s into windows, reporting each', async () => {
      const long = new Float32Array(english.length * 5);
      for (let i = 0; i < 5; i += 1) long.set(english, i * english.length);
      const progress: Array<[number, number]> = [];
      const result = await transcriber.transcribe(long, {
        language: 'en',
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(progress.at(-1)).toEqual([progress.at(-1)![1], progress.at(-1)![1]]);
      expect(progress.at(-1)![1]).toBeGreaterThanOrEqual(2);
      expect(result.chunks.at(-1)!.endSeconds).toBeGreaterThan(30);
      expect((result.text.match(/fox/gi) ?? []).length).toBeGreaterThanOrEqual(3);
    }, 300_000);

    it('stops a transcription when cancelled, and stays usable', async () => {
      const controller = new AbortController();
      const long = new Float32Array(english.length * 5);
      for (let i = 0; i < 5; i += 1) long.set(english, i * english.length);
      const running = transcriber.transcribe(long, { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await expect(running).rejects.toMatchObject({ name: 'AbortError' });
      const again = await transcriber.transcribe(english, { language: 'en' });
      expect(again.text.length).toBeGreaterThan(0);
    }, 300_000);
  },
);
