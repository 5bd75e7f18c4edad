/**
 * A voice memo (a parent's idea spoken into the phone, a grandparent telling a family tale)
 * turned into text on this computer with an installed Whisper model, so it can become the
 * notes a story is drafted from. Nothing leaves the laptop.
 */
import { AudioDecodeError, openAudio } from '../../../device-bridge/audio/decode/open-audio';
import { downmix } from '../../../device-bridge/audio/process/downmix';
import { collectPcm } from '../../../device-bridge/audio/process/pcm-arrays';
import { resample } from '../../../device-bridge/audio/process/resample';
import { transcribe, type Transcript } from '../../../models/speech/whisper-transcriber';
import { TalemoError } from '../errors';
import type { ModelShelf } from './model-shelf';

/** Whisper hears 16 kHz mono. */
const WHISPER_RATE = 16_000;
/** A memo is held whole for the model (4 bytes a sample): 30 minutes is 115 MB. */
export const MAX_MEMO_SECONDS = 30 * 60;

export interface MemoOptions {
  language?: 'fr' | 'en' | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  workerUrl?: URL | undefined;
}

export async function transcribeMemo(
  shelf: ModelShelf,
  path: string,
  options: MemoOptions = {},
): Promise<Transcript> {
  const [modelDir] = await shelf.installedFolders('stt');
  if (!modelDir)
    throw new TalemoError(
      'no-model',
      'No speech-to-text model is installed: install "Whisper tiny" from the AI models page to turn memos into text.',
    );
  const audio = await memoSamples(path, options.signal);
  return transcribe(audio, {
    modelDir,
    ...(options.language ? { language: options.language } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
  });
}

async function memoSamples(path: string, signal: AbortSignal | undefined): Promise<Float32Array> {
  try {
    const source = await openAudio(path, { signal });
    const seconds = source.format.durationSeconds;
    if (seconds !== null && seconds > MAX_MEMO_SECONDS)
      throw new TalemoError(
        'too-large',
        `This memo lasts ${Math.round(seconds / 60)} minutes: split it into parts of 30 minutes or less.`,
      );
    const pcm = await collectPcm(resample(downmix(source.pcm({ signal }), 'mono'), WHISPER_RATE));
    if (!pcm) throw new TalemoError('bad-audio', 'This memo holds no sound.');
    return pcm.channels[0]!;
  } catch (error) {
    if (error instanceof AudioDecodeError) throw new TalemoError('bad-audio', error.message);
    throw error;
  }
}
