/**
 * `talemo taf encode|info|extract`: Tonie audio files (TAF) by hand. `encode` makes one from
 * audio files (a chapter each) or from a library story (a chapter per linear chapter);
 * `info` checks one the way teddycloud and the box would and exits 1 when it has problems;
 * `extract` gets the audio back (a WAV, or an Ogg Opus file per chapter).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { AudioDecodeError } from '../../../device-bridge/audio/decode/audio-decode-error';
import type { TafEncodeResult } from '../../../device-bridge/formats/taf/taf-encode';
import { TafFormatError, TafInputError } from '../../../device-bridge/formats/taf/taf-errors';
import type { TafReport } from '../../../device-bridge/formats/taf/taf-inspect';
import { TalemoError } from '../../core/errors';
import { UsageError, type CliCommand, type CliContext } from '../cli-command';

const ACTIONS = ['encode', 'info', 'extract'] as const;
type Action = (typeof ACTIONS)[number];
/**
 * teddycloud's mark for custom content (ids below it; devices.md §2.5), the same value as
 * taf-encode's TEDDYCLOUD_AUDIO_ID_DEDUCT: not imported so that `talemo` starts without the codecs.
 */
const CUSTOM_AUDIO_ID_LIMIT = 0x50000000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tafCommand: CliCommand = {
  name: 'taf',
  usage:
    'talemo taf encode <audio files…|storyId> --out <file.taf> [--audio-id N] | info <file.taf> | extract <file.taf> --out <folder|file.wav>',
  summary: 'make, check or unpack a Tonie audio file (TAF)',
  options: { out: { type: 'string' }, 'audio-id': { type: 'string' } },
  async run(context) {
    const [action, ...args] = context.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`say what to do: ${ACTIONS.join(', ')}`);
    try {
      await RUNNERS[action as Action](context, args);
    } catch (error) {
      throw asTafUserError(error, context.signal, action === 'encode' ? undefined : args[0]);
    }
  },
};

const RUNNERS: Record<Action, (context: CliContext, args: string[]) => Promise<void>> = {
  encode: async (context, args) => {
    if (args.length === 0)
      throw new UsageError('say what to encode: audio files (a chapter each) or a story id');
    const out = requiredOut(context, 'encode', '--out <file.taf>');
    const audioId = audioIdOption(context);
    const result = isStoryId(args[0]!)
      ? args.length === 1
        ? await encodeStoryTaf(context, args[0]!, out, audioId)
        : usage('give one story id, or audio files')
      : await encodeFilesTaf(
          context,
          args.map((file) => resolve(file)),
          out,
          audioId,
        );
    const summary = {
      out: result.path,
      audioId: result.audioId,
      chapters: result.chapters.length,
      chapterStartsSeconds: result.chapterStartsSeconds.map((seconds) => round(seconds)),
      durationSeconds: round(result.durationSeconds),
      sha1: result.sha1,
      bytes: result.bytes,
    };
    if (context.json) return context.out(JSON.stringify(summary, null, 2));
    context.out(
      `Wrote ${summary.out}: ${summary.chapters} chapter${summary.chapters === 1 ? '' : 's'}, ` +
        `${summary.durationSeconds} s, audio id ${summary.audioId}.`,
    );
  },
  info: async (context, args) => {
    if (args.length !== 1) throw new UsageError('give one .taf file');
    const { inspectTaf } = await import('../../../device-bridge/formats/taf/taf-inspect');
    const file = resolve(args[0]!);
    const report = describeTaf(await inspectTaf(file));
    if (context.json) context.out(JSON.stringify(report, null, 2));
    else printReport(context, report);
    if (report.problems.length > 0)
      throw new TalemoError(
        'invalid-pack',
        `${file} has ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}: ${report.problems.join('; ')}`,
      );
  },
  extract: async (context, args) => {
    if (args.length !== 1) throw new UsageError('give one .taf file');
    const out = requiredOut(context, 'extract', '--out <folder|file.wav>');
    const { extractTaf } = await import('../../../device-bridge/formats/taf/taf-extract');
    const perChapter = !/\.wav$/i.test(out);
    const result = await extractTaf(resolve(args[0]!), out, { perChapter, signal: context.signal });
    if (context.json)
      return context.out(JSON.stringify({ files: result.files, problems: result.report.problems }, null, 2));
    context.out(
      result.files.length === 1
        ? `Wrote ${result.files[0]}.`
        : `Wrote ${result.files.length} chapter files in ${out}.`,
    );
    for (const problem of result.report.problems) context.out(`Problem: ${problem}`);
  },
};

/** A story id given where a file could be: a UUID that is not also a file's name here. */
export function isStoryId(arg: string): boolean {
  return UUID.test(arg) && !existsSync(arg);
}

export async function encodeFilesTaf(
  context: CliContext,
  files: string[],
  out: string,
  audioId: number | undefined,
): Promise<TafEncodeResult> {
  const { encodeTaf } = await import('../../../device-bridge/formats/taf/taf-encode');
  return encodeTaf(files, out, {
    ...(audioId === undefined ? {} : { audioId }),
    signal: context.signal,
    onProgress: (done, total) => context.progress('encoding', Math.floor(done), Math.ceil(total)),
  });
}

/**
 * A library story as a TAF: its linear chapters (prompts narrated), each chapter's pieces joined
 * into one WAV (the TAF encoder takes one input per chapter), then encoded.
 */
export async function encodeStoryTaf(
  context: CliContext,
  storyId: string,
  out: string,
  audioId: number | undefined,
): Promise<TafEncodeResult> {
  const core = await context.core();
  const { storyChapters } = await import('../../core/packs/box-chapters');
  const { joinAudioFiles } = await import('../../core/packs/chapter-audio-join');
  const workDir = await mkdtemp(join(tmpdir(), 'talemo-taf-'));
  try {
    const { chapters } = await storyChapters(core, storyId, {
      workDir,
      signal: context.signal,
      onProgress: (done, total) => context.progress('narrating', done, total),
    });
    const wavs: string[] = [];
    for (const chapter of chapters) {
      const wav = join(workDir, `chapter-${String(chapter.number).padStart(3, '0')}.wav`);
      await joinAudioFiles(chapter.audioFiles, wav, context.signal);
      wavs.push(wav);
      context.progress('joining chapters', wavs.length, chapters.length);
    }
    return await encodeFilesTaf(context, wavs, out, audioId);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

export interface TafDescription {
  file: string;
  bytes: number;
  audioId: number;
  /** teddycloud's convention: ids below 0x50000000 are custom content. */
  custom: boolean;
  durationSeconds: number;
  chapters: { number: number; startSeconds: number | null; mark: number }[];
  chapterConvention: TafReport['chapterConvention'];
  sha1: string;
  sha1Matches: boolean;
  lengthMatches: boolean;
  pageCount: number;
  encoder: string | null;
  problems: string[];
}

export function describeTaf(report: TafReport): TafDescription {
  return {
    file: report.path,
    bytes: report.fileBytes,
    audioId: report.audioId,
    custom: report.audioId < CUSTOM_AUDIO_ID_LIMIT,
    durationSeconds: round(report.durationSeconds),
    chapters: report.chapters.map((chapter, i) => ({
      number: i + 1,
      startSeconds: chapter.startSeconds === null ? null : round(chapter.startSeconds),
      mark: chapter.mark,
    })),
    chapterConvention: report.chapterConvention,
    sha1: report.sha1,
    sha1Matches: report.sha1Matches,
    lengthMatches: report.lengthMatches,
    pageCount: report.pageCount,
    encoder: report.vendor,
    problems: report.problems,
  };
}

function printReport(context: CliContext, report: TafDescription): void {
  context.out(
    `${report.file}: Tonie audio file, audio id ${report.audioId}${report.custom ? ' (custom)' : ''}, ` +
      `${report.durationSeconds} s, ${report.chapters.length} chapter${report.chapters.length === 1 ? '' : 's'}.`,
  );
  for (const chapter of report.chapters)
    context.out(
      `  ${String(chapter.number).padStart(3)}  ${chapter.startSeconds === null ? '?' : clock(chapter.startSeconds)}`,
    );
  context.out(
    `Hash: ${report.sha1Matches ? 'matches the audio' : 'DOES NOT MATCH the audio'} (SHA-1 ${report.sha1}).`,
  );
  for (const problem of report.problems) context.out(`Problem: ${problem}`);
}

/** The TAF layer's and the decoders' errors name the file and the problem: the user's to act on. */
export function asTafUserError(error: unknown, signal: AbortSignal, file?: string): unknown {
  if (error instanceof TalemoError || error instanceof UsageError) return error;
  if (signal.aborted) return new TalemoError('cancelled', 'Stopped; nothing was written.');
  if (error instanceof TafFormatError)
    return new TalemoError(
      'invalid-input',
      `${file ?? 'the file'} is not a Tonie audio file: ${error.message}`,
    );
  if (error instanceof TafInputError) return new TalemoError('invalid-input', error.message);
  if (error instanceof AudioDecodeError) return new TalemoError('bad-audio', error.message);
  if ((error as NodeJS.ErrnoException).code === 'ENOENT')
    return new TalemoError('not-found', `No such file: ${(error as NodeJS.ErrnoException).path ?? ''}`);
  return error;
}

function requiredOut(context: CliContext, action: string, shape: string): string {
  const out = context.values.out;
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError(`${action} needs ${shape}`);
  return resolve(out);
}

function audioIdOption(context: CliContext): number | undefined {
  const raw = context.values['audio-id'];
  if (raw === undefined) return undefined;
  const id = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id > 0xffffffff)
    throw new UsageError('--audio-id takes a whole number from 0 to 4294967295');
  return id;
}

function usage(message: string): never {
  throw new UsageError(message);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}`;
}
