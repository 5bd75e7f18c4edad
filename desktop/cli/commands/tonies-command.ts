/**
 * `talemo tonies write|list|upload`: Tonie audio on a Toniebox's SD card (taken out of the box
 * and put in the computer), or in a TeddyCloud server's library. `write` puts a TAF (or a
 * library story, encoded on the way) where the box plays it for one tag, verified by read-back
 * before it replaces anything; `list` says what the card holds; `upload` sends a TAF to
 * TeddyCloud, which assigns it to tags from its own web page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
  TeddyCloudError,
  type TeddyCloudErrorCode,
} from '../../../device-bridge/devices/teddycloud/teddycloud-error';
import { TonieSdError, type TonieSdErrorCode } from '../../../device-bridge/devices/tonies/tonie-sd-error';
import type { TonieContent } from '../../../device-bridge/devices/tonies/tonie-sd-list';
import { formatTonieUid, TonieUidError } from '../../../device-bridge/devices/tonies/tonie-uid';
import { TalemoError, type TalemoErrorCode } from '../../core/errors';
import { UsageError, type CliCommand, type CliContext } from '../cli-command';
import { asTafUserError, encodeStoryTaf, isStoryId } from './taf-command';

const ACTIONS = ['write', 'list', 'upload'] as const;
type Action = (typeof ACTIONS)[number];

export const toniesCommand: CliCommand = {
  name: 'tonies',
  usage:
    'talemo tonies write --sd <card> --uid <tag uid> <file.taf|storyId> | list --sd <card> | upload --server <url> [--path <library folder>] [--name <name>] <file.taf|storyId>',
  summary: 'put Tonie audio on a Toniebox SD card, or in a TeddyCloud library',
  options: {
    sd: { type: 'string' },
    uid: { type: 'string' },
    server: { type: 'string' },
    path: { type: 'string' },
    name: { type: 'string' },
  },
  async run(context) {
    const [action, ...args] = context.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`say what to do: ${ACTIONS.join(', ')}`);
    try {
      await RUNNERS[action as Action](context, args);
    } catch (error) {
      throw asToniesUserError(error, context.signal);
    }
  },
};

const RUNNERS: Record<Action, (context: CliContext, args: string[]) => Promise<void>> = {
  write: async (context, args) => {
    const sd = stringOption(
      context,
      'sd',
      'say which card with --sd <folder> (where the SD card is mounted)',
    );
    const uid = stringOption(
      context,
      'uid',
      'say which tag with --uid <its UID> (like E0:04:03:50:0D:0D:3F:47)',
    );
    const source = oneSource(args, 'write');
    const { writeTafToSd } = await import('../../../device-bridge/devices/tonies/tonie-sd-write');
    const result = await withTaf(context, source, (taf) =>
      writeTafToSd(resolve(sd), uid, taf, {
        signal: context.signal,
        onProgress: (phase, done, total) =>
          context.progress(phase === 'copy' ? 'copying' : 'verifying', done, total),
      }),
    );
    if (context.json) return context.out(JSON.stringify(result, null, 2));
    context.out(
      `${result.replaced ? 'Replaced' : 'Wrote'} the audio of tag ${formatTonieUid(result.uid)}: ${result.path} ` +
        `(${result.chapterCount} chapter${result.chapterCount === 1 ? '' : 's'}, ${Math.round(result.durationSeconds)} s), verified.`,
    );
    context.out('Eject the card before taking it out, then put it back in the box.');
  },
  list: async (context, args) => {
    if (args.length > 0) throw new UsageError('list takes no more arguments');
    const sd = stringOption(
      context,
      'sd',
      'say which card with --sd <folder> (where the SD card is mounted)',
    );
    const { listTonieContent } = await import('../../../device-bridge/devices/tonies/tonie-sd-list');
    const listing = await listTonieContent(resolve(sd));
    if (context.json) return context.out(JSON.stringify(listing, null, 2));
    printListing(context, listing.contents);
    for (const leftover of listing.interruptedWrites)
      context.out(
        `Left by a write that was cut off (the box ignores it; the next write removes it): ${leftover}`,
      );
  },
  upload: async (context, args) => {
    const server = stringOption(
      context,
      'server',
      'say which server with --server <url> (its web page address)',
    );
    const source = oneSource(args, 'upload');
    const { uploadTafToTeddyCloud } =
      await import('../../../device-bridge/devices/teddycloud/teddycloud-upload');
    const path = context.values.path;
    const name = context.values.name;
    const result = await withTaf(context, source, (taf) =>
      uploadTafToTeddyCloud(server, taf, {
        ...(typeof path === 'string' ? { libraryPath: path } : {}),
        ...(typeof name === 'string' ? { name } : {}),
        signal: context.signal,
        onProgress: (done, total) => context.progress('uploading', done, total),
      }),
    );
    if (context.json) return context.out(JSON.stringify(result, null, 2));
    context.out(
      `Uploaded ${result.name} to ${result.server} (library folder ${result.libraryPath})` +
        `${result.serverValidated ? ', checked by TeddyCloud' : ''}${result.confirmed ? ' and listed back' : ''}. ` +
        "Assign it to a tag in TeddyCloud's web page.",
    );
  },
};

/** Runs `use` with the TAF file: the one given, or one encoded from a story into a temp folder. */
async function withTaf<T>(context: CliContext, source: string, use: (taf: string) => Promise<T>): Promise<T> {
  if (!isStoryId(source)) return use(resolve(source));
  const dir = await mkdtemp(join(tmpdir(), 'talemo-tonie-'));
  try {
    const encoded = await encodeStoryTaf(context, source, join(dir, `${source}.taf`), undefined);
    return await use(encoded.path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function printListing(context: CliContext, contents: readonly TonieContent[]): void {
  if (contents.length === 0) return context.out('No Tonie audio on this card.');
  for (const item of contents) {
    const what =
      item.audioId === null
        ? 'not a Tonie audio file'
        : `audio id ${item.audioId}${item.custom ? ' (custom)' : ''}, ${item.chapterStartsSeconds.length} chapter(s), ${Math.round(item.durationSeconds ?? 0)} s`;
    context.out(`${formatTonieUid(item.uid)}  ${item.path}  ${what}`);
    for (const problem of item.problems) context.out(`    Problem: ${problem}`);
  }
}

const SD_CODES: Record<TonieSdErrorCode, TalemoErrorCode> = {
  'not-found': 'not-found',
  'not-a-toniebox-card': 'unsupported-device',
  'bad-taf': 'invalid-pack',
  'no-space': 'no-space',
  'read-only': 'read-only',
  unplugged: 'unplugged',
  'verify-failed': 'verify-failed',
  cancelled: 'cancelled',
};

const TEDDYCLOUD_CODES: Record<TeddyCloudErrorCode, TalemoErrorCode> = {
  'bad-url': 'invalid-input',
  unreachable: 'not-found',
  timeout: 'not-found',
  http: 'conflict',
  unauthorized: 'unauthorized',
  'bad-taf': 'invalid-pack',
  cancelled: 'cancelled',
};

function asToniesUserError(error: unknown, signal: AbortSignal): unknown {
  if (error instanceof TonieUidError) return new TalemoError('invalid-input', error.message);
  if (error instanceof TonieSdError) return new TalemoError(SD_CODES[error.code], error.message);
  if (error instanceof TeddyCloudError) return new TalemoError(TEDDYCLOUD_CODES[error.code], error.message);
  return asTafUserError(error, signal);
}

function stringOption(context: CliContext, key: string, message: string): string {
  const value = context.values[key];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(message);
  return value;
}

function oneSource(args: string[], action: string): string {
  if (args.length !== 1) throw new UsageError(`${action} takes one .taf file or one story id`);
  return args[0]!;
}
