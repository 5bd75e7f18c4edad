/**
 * Channel layout changes: any layout to mono by averaging (Lunii and most boxes play mono),
 * mono to stereo by duplicating (for encoders that want two channels). Averaging rather than
 * summing keeps a full-scale stereo file from clipping; loudness normalisation afterwards
 * restores the level.
 */
import type { PcmChunk, PcmStream } from '../pcm';
import { AudioProcessError } from './audio-process-error';
import { checkedPcm } from './checked-pcm';

export type ChannelLayout = 'mono' | 'stereo';

export async function* downmix(input: PcmStream, layout: ChannelLayout): PcmStream {
  for await (const chunk of checkedPcm(input, 'downmix')) {
    yield layout === 'mono' ? toMono(chunk) : toStereo(chunk);
  }
}

function toMono(chunk: PcmChunk): PcmChunk {
  const { channels } = chunk;
  if (channels.length === 1) return chunk;
  const frames = channels[0]!.length;
  const out = new Float32Array(frames);
  const scale = 1 / channels.length;
  for (const channel of channels) for (let i = 0; i < frames; i += 1) out[i]! += channel[i]!;
  for (let i = 0; i < frames; i += 1) out[i]! *= scale;
  return { sampleRate: chunk.sampleRate, channels: [out] };
}

function toStereo(chunk: PcmChunk): PcmChunk {
  const { channels } = chunk;
  if (channels.length === 2) return chunk;
  if (channels.length === 1) {
    const only = channels[0]!;
    return { sampleRate: chunk.sampleRate, channels: [only, only.slice()] };
  }
  throw new AudioProcessError(
    'unsupported-channels',
    `downmix: no stereo mix is defined for ${channels.length} channels; mix to mono instead`,
  );
}
