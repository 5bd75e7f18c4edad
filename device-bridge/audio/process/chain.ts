/**
 * The standard preparation of a narration clip for a box: mix to mono (or stereo), trim the
 * silence around it, fade its edges, pad it with a little silence, and resample to the box's
 * rate (44.1 kHz for Lunii, 48 kHz for Opus). Loudness normalisation is not in this chain
 * because it reads its source twice: wrap the chain in a source function and hand that to
 * normaliseLoudness (see README).
 */
import type { PcmStream } from '../pcm';
import { type ChannelLayout, downmix } from './downmix';
import { type FadeOptions, fadeInOut } from './fades';
import { type PadOptions, padSilence } from './pad';
import { type ResampleQuality, resample } from './resample';
import { type SilenceTrimOptions, trimSilence } from './silence-trim';

export { collectPcm, pcmFromArrays } from './pcm-arrays';

export interface NarrationOptions {
  /** Output rate; default 44 100 Hz (Lunii). */
  sampleRate?: number;
  layout?: ChannelLayout;
  /** Silence trimming; `false` keeps the silence. */
  trim?: SilenceTrimOptions | false;
  fades?: FadeOptions;
  /** Silence added after trimming; default none. */
  pad?: Omit<PadOptions, 'format'>;
  quality?: ResampleQuality;
}

export function prepareNarration(input: PcmStream, options: NarrationOptions = {}): PcmStream {
  const mixed = downmix(input, options.layout ?? 'mono');
  const trimmed = options.trim === false ? mixed : trimSilence(mixed, options.trim);
  const faded = fadeInOut(trimmed, options.fades);
  const padded = padSilence(faded, options.pad ?? {});
  return resample(padded, options.sampleRate ?? 44_100, { quality: options.quality ?? 'medium' });
}
