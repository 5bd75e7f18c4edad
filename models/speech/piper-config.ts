/**
 * A Piper voice's `<name>.onnx.json`, parsed once at the edge: the espeak-ng voice that
 * phonemizes for it, how phonemes become model ids, its sample rate and default inference
 * scales. Fields we do not use are kept out; a file Piper would not accept is refused here with
 * the field at fault, not later with an ONNX error.
 */
import { z } from 'zod';

import { SpeechEngineError } from './speech-engine-error';

/** Piper's defaults when a voice's config leaves inference settings out. */
export const PIPER_DEFAULT_SCALES = { noiseScale: 0.667, lengthScale: 1, noiseW: 0.8 } as const;

const configSchema = z.object({
  audio: z.object({ sample_rate: z.number().int().min(1000).max(192_000), quality: z.string().optional() }),
  espeak: z.object({ voice: z.string().min(1) }),
  phoneme_type: z.string().optional(),
  inference: z
    .object({
      noise_scale: z.number().positive().optional(),
      length_scale: z.number().positive().optional(),
      noise_w: z.number().positive().optional(),
    })
    .optional(),
  phoneme_id_map: z.record(z.string(), z.array(z.number().int().nonnegative()).min(1)),
  num_speakers: z.number().int().min(1).optional(),
  speaker_id_map: z.record(z.string(), z.number().int().nonnegative()).optional(),
  language: z.object({ code: z.string().optional(), family: z.string().optional() }).optional(),
  dataset: z.string().optional(),
});

export interface PiperVoiceConfig {
  sampleRate: number;
  /** The espeak-ng voice Piper phonemizes with, e.g. `fr`, `en-us`. */
  espeakVoice: string;
  /** Language family, e.g. `fr`, `en`. */
  language: string;
  /** Lower-case language tag, e.g. `fr-fr`, `en-us` (from `language.code`, else the espeak voice). */
  languageTag: string;
  /** Each phoneme (one Unicode code point, NFD) and the ids it stands for. */
  phonemeIdMap: ReadonlyMap<string, readonly number[]>;
  noiseScale: number;
  lengthScale: number;
  noiseW: number;
  speakers: number;
  /** The dataset's name (e.g. `siwis`) and quality (`medium`), for labels. */
  dataset: string | undefined;
  quality: string | undefined;
}

/** The symbols Piper lays out around every sentence (see `piper-phoneme-ids.ts`). */
const REQUIRED_SYMBOLS = ['^', '$', '_'];

/** Parses the text of a `.onnx.json`; `source` names the file in errors. */
export function parsePiperConfig(text: string, source: string): PiperVoiceConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SpeechEngineError('bad-voice-folder', `${source} is not JSON`, { cause: error });
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top)';
    throw new SpeechEngineError(
      'bad-voice-folder',
      `${source} is not a Piper voice config: ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const config = parsed.data;
  const phonemeType = config.phoneme_type ?? 'espeak';
  if (phonemeType !== 'espeak')
    throw new SpeechEngineError(
      'bad-voice-folder',
      `${source} is a Piper voice of phoneme type "${phonemeType}": only espeak voices are supported`,
    );
  const missing = REQUIRED_SYMBOLS.filter((symbol) => !(symbol in config.phoneme_id_map));
  if (missing.length > 0)
    throw new SpeechEngineError(
      'bad-voice-folder',
      `${source}: phoneme_id_map lacks ${missing.map((symbol) => `"${symbol}"`).join(', ')}`,
    );
  const language = config.language?.family ?? config.espeak.voice.split(/[-_]/)[0]!;
  return {
    sampleRate: config.audio.sample_rate,
    espeakVoice: config.espeak.voice,
    language: language.toLowerCase(),
    languageTag: (config.language?.code ?? config.espeak.voice).replace(/_/g, '-').toLowerCase(),
    phonemeIdMap: new Map(Object.entries(config.phoneme_id_map)),
    noiseScale: config.inference?.noise_scale ?? PIPER_DEFAULT_SCALES.noiseScale,
    lengthScale: config.inference?.length_scale ?? PIPER_DEFAULT_SCALES.lengthScale,
    noiseW: config.inference?.noise_w ?? PIPER_DEFAULT_SCALES.noiseW,
    speakers: config.num_speakers ?? 1,
    dataset: config.dataset,
    quality: config.audio.quality,
  };
}
