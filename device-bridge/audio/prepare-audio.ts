/**
 * Any audio a parent brings (a recording, a grandparent's MP3, a synthesised page) made ready
 * for a box: decoded, mono, silence trimmed, short fades, resampled, loudness normalised to the
 * level of official packs with a true-peak ceiling, then encoded as Lunii's MP3 or as Ogg Opus.
 *
 * Why two-pass and re-reading the file rather than buffering: normalisation must know the
 * whole programme's loudness before it sets the gain, and a six-hour file does not fit in
 * memory. Each pass decodes from the file again; memory stays flat.
 *
 * Why "check, don't assume" for skipping: a file is copied untouched only when its frames,
 * rate, channels and tags are inspected and its measured loudness is already on target. A
 * re-encode loses quality each time (the complaint STUdio and Lunii.QT users make).
 */
import { copyFile, rename, rm } from 'node:fs/promises';

import { openAudio, type AudioFormatInfo, type AudioSource } from './decode/open-audio';
import { encodeMp3, LUNII_MP3_SAMPLE_RATE } from './encode/mp3-encoder';
import { inspectMp3, mp3ConformsToLunii } from './encode/mp3-frames';
import { inspectOggOpus, oggOpusConforms } from './encode/ogg-opus-inspect';
import { encodeOggOpus, OPUS_SAMPLE_RATE } from './encode/opus-encoder';
import type { PcmStream } from './pcm';
import { downmix } from './process/downmix';
import { fadeInOut } from './process/fades';
import { measureLoudness } from './process/loudness-meter';
import { normaliseLoudness } from './process/normalise';
import { resample } from './process/resample';
import { trimSilence } from './process/silence-trim';

export type AudioTarget = 'lunii-mp3' | 'opus';

/** The median integrated loudness of official Lunii packs (research/anchors.md). */
export const DEFAULT_TARGET_LUFS = -14;
export const DEFAULT_CEILING_DBTP = -1;
/** A file this close to the target is left as it is rather than re-encoded. */
const CONFORMING_LOUDNESS_LU = 1;
/** An encoded file further than this from the target is encoded once more with the gain corrected. */
const ENCODED_LOUDNESS_TOLERANCE_LU = 0.25;
const MAX_MAKE_UP_DB = 12;
/** How much quieter LAME's 128 kbit/s mono output measures than its input (measured on tones and speech). */
const LAME_LOUDNESS_LOSS_LU = 0.45;
const CALIBRATION_PASSES = 5;

export interface PrepareAudioOptions {
  target: AudioTarget;
  targetLufs?: number;
  truePeakCeilingDbtp?: number;
  /** Trim leading and trailing silence and add short fades (default true). */
  tidyEdges?: boolean;
  signal?: AbortSignal | undefined;
  /** Seconds of output written so far, and the input's length when known. */
  onProgress?: (secondsDone: number, totalSeconds: number | null) => void;
}

export interface PreparedAudio {
  input: AudioFormatInfo;
  /** False when the input already conformed and was copied byte for byte. */
  reencoded: boolean;
  /** Why a conforming-looking input was re-encoded anyway (empty when copied or plainly unfit). */
  reasons: string[];
  durationSeconds: number;
  /** Integrated loudness of what was written. */
  loudnessLufs: number;
  truePeakDbtp: number;
  /** Problems met in the input that did not stop it (a damaged frame, a file cut short). */
  issues: string[];
}

export async function prepareAudio(
  inputPath: string,
  outputPath: string,
  options: PrepareAudioOptions,
): Promise<PreparedAudio> {
  const targetLufs = options.targetLufs ?? DEFAULT_TARGET_LUFS;
  const ceiling = options.truePeakCeilingDbtp ?? DEFAULT_CEILING_DBTP;
  const source = await openAudio(inputPath, { signal: options.signal });

  const kept = await keepIfConforming(
    source,
    outputPath,
    options.target,
    targetLufs,
    ceiling,
    options.signal,
  );
  if (kept.kept) return kept.prepared;

  const rate = options.target === 'lunii-mp3' ? LUNII_MP3_SAMPLE_RATE : OPUS_SAMPLE_RATE;
  const tidy = options.tidyEdges ?? true;
  // Why the resampler comes after normalisation: normalising reads the audio several times,
  // and resampling is the dearest step of a read (libsamplerate's sinc); done last, it runs once.
  // The limiter's true-peak measure is 4x oversampled, so it already holds between samples.
  const shaped = (): PcmStream => {
    const pcm = downmix(source.pcm({ signal: options.signal }), 'mono');
    return tidy ? fadeInOut(trimSilence(pcm)) : pcm;
  };
  const total = source.format.durationSeconds;
  const encode = async (aimLufs: number) => {
    const normalised = await normaliseLoudness(shaped, {
      targetLufs: aimLufs,
      truePeakCeilingDbtp: ceiling,
      // Why more make-up than the default: synthesised and close-miked speech peaks some 18 dB
      // above its loudness, so reaching -14 LUFS under -1 dBTP takes deep, careful limiting.
      maxMakeUpDb: MAX_MAKE_UP_DB,
      calibrationPasses: CALIBRATION_PASSES,
      signal: options.signal,
    });
    const onProgress = (seconds: number): void => options.onProgress?.(seconds, total);
    const atRate = resample(normalised.pcm, rate);
    const encoded =
      options.target === 'lunii-mp3'
        ? await encodeMp3(atRate, outputPath, { signal: options.signal, onProgress })
        : await encodeOggOpus(atRate, outputPath, {
            channels: 1,
            signal: options.signal,
            onProgress,
          });
    const written = await measureLoudness((await openAudio(outputPath, { signal: options.signal })).pcm());
    return { encoded, written };
  };
  // Why measure what was written: LAME at 128 kbit/s plays about 0.45 dB quieter than its input
  // (ffmpeg's libmp3lame does the same), so the file, not the PCM, is held to the target. Aiming
  // that much higher from the start spares a second encode in the usual case.
  const aim = targetLufs + (options.target === 'lunii-mp3' ? LAME_LOUDNESS_LOSS_LU : 0);
  let { encoded, written } = await encode(aim);
  const miss = targetLufs - written.integratedLufs;
  if (Number.isFinite(miss) && Math.abs(miss) > ENCODED_LOUDNESS_TOLERANCE_LU)
    ({ encoded, written } = await encode(aim + miss));
  return {
    input: source.format,
    reencoded: true,
    reasons: kept.reasons,
    durationSeconds: 'inputSeconds' in encoded ? encoded.inputSeconds : encoded.durationSeconds,
    loudnessLufs: written.integratedLufs,
    truePeakDbtp: written.truePeakDbtp,
    issues: source.issues,
  };
}

type KeepDecision = { kept: true; prepared: PreparedAudio } | { kept: false; reasons: string[] };

async function keepIfConforming(
  source: AudioSource,
  outputPath: string,
  target: AudioTarget,
  targetLufs: number,
  ceiling: number,
  signal: AbortSignal | undefined,
): Promise<KeepDecision> {
  const { format } = source;
  const wanted = target === 'lunii-mp3' ? 'mp3' : 'opus';
  if (format.codec !== wanted) return { kept: false, reasons: [] };
  if (source.issues.length > 0) return { kept: false, reasons: source.issues };
  const conformance =
    target === 'lunii-mp3'
      ? mp3ConformsToLunii(await inspectMp3(source.path))
      : oggOpusConforms(await inspectOggOpus(source.path), 'standard');
  if (!conformance.ok) return { kept: false, reasons: conformance.reasons };
  const loudness = await measureLoudness(source.pcm({ signal }));
  const reasons: string[] = [];
  if (Math.abs(loudness.integratedLufs - targetLufs) > CONFORMING_LOUDNESS_LU)
    reasons.push(`loudness ${loudness.integratedLufs.toFixed(1)} LUFS, not ${targetLufs} LUFS`);
  if (loudness.truePeakDbtp > ceiling + 0.5)
    reasons.push(`true peak ${loudness.truePeakDbtp.toFixed(1)} dBTP, above ${ceiling} dBTP`);
  if (reasons.length > 0) return { kept: false, reasons };

  // Copy beside the target, then rename: a crash never leaves half a file under its name.
  const temp = `${outputPath}.part`;
  try {
    await copyFile(source.path, temp);
    await rename(temp, outputPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return {
    kept: true,
    prepared: {
      input: format,
      reencoded: false,
      reasons: [],
      durationSeconds: loudness.durationSeconds,
      loudnessLufs: loudness.integratedLufs,
      truePeakDbtp: loudness.truePeakDbtp,
      issues: source.issues,
    },
  };
}
