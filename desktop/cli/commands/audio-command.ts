/**
 * `talemo audio info <file> [--json]`: what a file really is (by its bytes, not its name), how
 * long it plays, and how loud it is. `talemo audio convert <in> --to lunii-mp3|opus --out <f>`:
 * the same preparation narration gets (mono, trimmed, normalised to -14 LUFS, encoded); an
 * input that already conforms is copied, not re-encoded. Neither needs a library.
 */
import { AudioDecodeError } from '../../../device-bridge/audio/decode/audio-decode-error';
import { EncodeInputError } from '../../../device-bridge/audio/encode/encode-errors';
import type { AudioTarget } from '../../../device-bridge/audio/prepare-audio';
import { AudioProcessError } from '../../../device-bridge/audio/process/audio-process-error';
import { TalemoError } from '../../core/errors';
import { UsageError, type CliCommand } from '../cli-command';

const TARGETS: readonly AudioTarget[] = ['lunii-mp3', 'opus'];

export const audioCommand: CliCommand = {
  name: 'audio',
  usage: 'talemo audio info <file> [--json] | talemo audio convert <in> --to lunii-mp3|opus --out <file>',
  summary: 'inspect an audio file, or convert it for a box',
  options: { to: { type: 'string' }, out: { type: 'string' }, lufs: { type: 'string' } },
  async run(context) {
    const [action, file, ...extra] = context.positionals;
    if (!file || extra.length > 0) throw new UsageError('say info or convert, then one audio file');
    if (action !== 'info' && action !== 'convert') throw new UsageError('say info or convert');
    try {
      await (action === 'info' ? info(context, file) : convert(context, file));
    } catch (error) {
      throw asUserError(error, context.signal);
    }
  },
};

/** The pipeline's own errors name the file and the problem: they are the user's to act on. */
function asUserError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return new TalemoError('cancelled', 'Stopped; nothing was written.');
  const userFacing = [AudioDecodeError, AudioProcessError, EncodeInputError];
  if (userFacing.some((type) => error instanceof type))
    return new TalemoError('bad-audio', (error as Error).message);
  if ((error as NodeJS.ErrnoException).code === 'ENOENT')
    return new TalemoError('not-found', `No such file: ${(error as NodeJS.ErrnoException).path ?? ''}`);
  return error;
}

async function info(context: Parameters<CliCommand['run']>[0], file: string): Promise<void> {
  // Why loaded here: the codecs are a second of start-up the other commands should not pay.
  const { openAudio } = await import('../../../device-bridge/audio/decode/open-audio');
  const { measureLoudness } = await import('../../../device-bridge/audio/process/loudness-meter');
  const source = await openAudio(file, { signal: context.signal });
  const loudness = await measureLoudness(source.pcm({ signal: context.signal }));
  const { format } = source;
  const report = {
    file,
    container: format.container,
    codec: format.codec,
    sampleRate: format.sampleRate,
    channels: format.channels,
    bitsPerSample: format.bitsPerSample ?? null,
    bitrate: format.bitrate ?? null,
    durationSec: round(loudness.durationSeconds, 3),
    loudnessLufs: finiteOrNull(loudness.integratedLufs, 1),
    truePeakDbtp: finiteOrNull(loudness.truePeakDbtp, 1),
    loudnessRangeLu: round(loudness.loudnessRangeLu, 1),
    extensionMismatch: format.extensionMismatch ?? null,
    issues: source.issues,
  };
  if (context.json) return context.out(JSON.stringify(report, null, 2));
  context.out(
    `${file}: ${format.container.toUpperCase()} (${format.codec}), ${format.sampleRate} Hz, ` +
      `${format.channels === 1 ? 'mono' : `${format.channels} channels`}, ${report.durationSec} s`,
  );
  context.out(
    report.loudnessLufs === null
      ? 'Loudness: silent'
      : `Loudness: ${report.loudnessLufs} LUFS integrated, true peak ${report.truePeakDbtp} dBTP`,
  );
  if (report.extensionMismatch) context.out(`Note: ${report.extensionMismatch}`);
  for (const issue of report.issues) context.out(`Problem: ${issue}`);
}

async function convert(context: Parameters<CliCommand['run']>[0], file: string): Promise<void> {
  const target = context.values.to;
  const out = context.values.out;
  if (typeof target !== 'string' || !TARGETS.includes(target as AudioTarget))
    throw new UsageError(`--to takes ${TARGETS.join(' or ')}`);
  if (typeof out !== 'string' || out === '') throw new UsageError('--out <file> says where to write');
  const lufs = context.values.lufs === undefined ? undefined : Number(context.values.lufs);
  if (lufs !== undefined && !(lufs >= -40 && lufs <= -5)) throw new UsageError('--lufs takes -40 to -5');
  const { prepareAudio } = await import('../../../device-bridge/audio/prepare-audio');
  const prepared = await prepareAudio(file, out, {
    target: target as AudioTarget,
    ...(lufs === undefined ? {} : { targetLufs: lufs }),
    signal: context.signal,
    onProgress: (done, total) => context.progress('encoding', Math.round(done), Math.round(total ?? 0)),
  });
  const result = {
    out,
    target,
    reencoded: prepared.reencoded,
    reasons: prepared.reasons,
    durationSec: round(prepared.durationSeconds, 3),
    loudnessLufs: finiteOrNull(prepared.loudnessLufs, 1),
    truePeakDbtp: finiteOrNull(prepared.truePeakDbtp, 1),
    issues: prepared.issues,
  };
  if (context.json) return context.out(JSON.stringify(result, null, 2));
  context.out(
    prepared.reencoded
      ? `Wrote ${out}: ${result.durationSec} s at ${result.loudnessLufs ?? 'silent'} LUFS.`
      : `${file} already fits ${target}: copied to ${out} without re-encoding.`,
  );
  for (const issue of prepared.issues) context.out(`Problem in the input: ${issue}`);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function finiteOrNull(value: number, digits: number): number | null {
  return Number.isFinite(value) ? round(value, digits) : null;
}
