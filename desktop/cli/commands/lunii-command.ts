/**
 * `talemo lunii info|list|install|rm|mv|hide|unhide|night|export|repair --device <dir>`: a
 * Lunii box, plugged in and mounted (or any folder laid out like one: an SD card reader, a
 * test device). Every change backs up the box's index first, is written so that pulling the
 * cable at any moment leaves a box that still works, and ends with "safe to unplug".
 */
import { resolve } from 'node:path';

import type { BoxPack, LuniiBoxReport } from '../../core/devices/lunii-service';
import { UsageError, type CliCommand, type CliContext } from '../cli-command';

const ACTIONS = [
  'info',
  'list',
  'install',
  'rm',
  'mv',
  'hide',
  'unhide',
  'night',
  'export',
  'repair',
] as const;
type Action = (typeof ACTIONS)[number];

export const luniiCommand: CliCommand = {
  name: 'lunii',
  usage:
    'talemo lunii info|list|repair --device <dir> | install <pack.zip|storyId>… | rm <pack> | mv <pack> <position> | hide|unhide <pack> | night <pack> on|off | export <pack> --out <file.zip>',
  summary: 'see and change the packs on a Lunii box',
  options: { device: { type: 'string' }, out: { type: 'string' } },
  async run(context) {
    const [action, ...args] = context.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`say what to do: ${ACTIONS.join(', ')}`);
    const device = context.values.device;
    if (typeof device !== 'string' || device.trim() === '')
      throw new UsageError('say which box with --device <dir> (where the box is mounted)');
    await ACTION_RUNNERS[action as Action](context, resolve(device), args);
  },
};

type Runner = (context: CliContext, root: string, args: string[]) => Promise<void>;

const ACTION_RUNNERS: Record<Action, Runner> = {
  info: async (context, root, args) => {
    noMoreArguments(args, 'info');
    const report = await (await context.core()).lunii.info(root);
    if (context.json) return context.out(JSON.stringify(report, null, 2));
    describeBox(context, report);
  },
  list: async (context, root, args) => {
    noMoreArguments(args, 'list');
    const report = await (await context.core()).lunii.info(root);
    if (context.json) return context.out(JSON.stringify(report.packs, null, 2));
    listPacks(context, report.packs);
  },
  repair: async (context, root, args) => {
    noMoreArguments(args, 'repair');
    const report = await (await context.core()).lunii.info(root);
    if (context.json) return context.out(JSON.stringify({ repairs: report.repairs }, null, 2));
    context.out(
      report.repairs.length === 0
        ? 'Nothing to repair.'
        : report.repairs.map((repair) => repair.text).join('\n'),
    );
  },
  install: async (context, root, args) => {
    if (args.length === 0)
      throw new UsageError('say what to install: a STUdio zip or a story id (or several)');
    const sources = args.map((arg) => (/\.zip$/i.test(arg) ? { zipPath: resolve(arg) } : { storyId: arg }));
    const result = await (
      await context.core()
    ).lunii.install(root, sources, {
      signal: context.signal,
      onProgress: (phase, done, total) => context.progress(phase, done, total),
    });
    if (context.json) return context.out(JSON.stringify(result, null, 2));
    for (const pack of result.installed)
      context.out(`Installed "${pack.title}" (${pack.folderName}, ${megabytes(pack.bytes)}).`);
    context.out(result.safeToUnplug ? 'Safe to unplug.' : 'Do not unplug yet.');
  },
  rm: async (context, root, args) => {
    const pack = onePack(args, 'rm');
    const result = await (await context.core()).lunii.remove(root, pack);
    done(context, result, `Removed "${result.title}". Safe to unplug.`);
  },
  mv: async (context, root, args) => {
    const [pack, position, ...extra] = args;
    const at = Number(position);
    if (!pack || extra.length > 0 || !Number.isInteger(at) || at < 1)
      throw new UsageError('say which pack and its new place in the list: mv <pack> <position from 1>');
    const result = await (await context.core()).lunii.move(root, pack, at);
    done(context, result, `Moved "${result.title}" to place ${result.position}. Safe to unplug.`);
  },
  hide: async (context, root, args) => {
    const result = await (await context.core()).lunii.setHidden(root, onePack(args, 'hide'), true);
    done(context, result, `Hid "${result.title}": the box and Lunii's own app no longer see it.`);
  },
  unhide: async (context, root, args) => {
    const result = await (await context.core()).lunii.setHidden(root, onePack(args, 'unhide'), false);
    done(context, result, `"${result.title}" is back in the box's list.`);
  },
  night: async (context, root, args) => {
    const [pack, state, ...extra] = args;
    if (!pack || (state !== 'on' && state !== 'off') || extra.length > 0)
      throw new UsageError('say which pack, then on or off: night <pack> on|off');
    const result = await (await context.core()).lunii.setNightMode(root, pack, state === 'on');
    done(context, result, `Night mode ${state} for "${result.title}".`);
  },
  export: async (context, root, args) => {
    const pack = onePack(args, 'export');
    const out = context.values.out;
    if (typeof out !== 'string' || out.trim() === '')
      throw new UsageError('say where to write the zip: --out <file.zip>');
    const result = await (
      await context.core()
    ).lunii.export(root, pack, resolve(out), {
      signal: context.signal,
      onProgress: (phase, doneBytes, total) => context.progress(phase, doneBytes, total),
    });
    done(context, result, `Exported "${result.title}" to ${resolve(out)}.`);
  },
};

function describeBox(context: CliContext, report: LuniiBoxReport): void {
  context.out(
    `Lunii ${report.family} (firmware ${report.firmware}, serial ${report.serial}) at ${report.root}: ` +
      `${report.packs.length} pack${report.packs.length === 1 ? '' : 's'}, ${megabytes(report.freeBytes)} free of ${megabytes(report.totalBytes)}.`,
  );
  for (const line of [...report.repairs, ...report.warnings].map((note) => note.text)) context.out(line);
}

function listPacks(context: CliContext, packs: readonly BoxPack[]): void {
  if (packs.length === 0) return context.out('No packs on this box.');
  for (const pack of packs) {
    const flags = [
      pack.hidden ? 'hidden' : '',
      pack.nightMode ? 'night mode' : '',
      pack.present ? '' : 'MISSING',
    ]
      .filter(Boolean)
      .join(', ');
    context.out(
      `${String(pack.position ?? '-').padStart(3)}  ${pack.folderName}  ${(pack.title ?? '(unknown pack)').padEnd(40)} ${megabytes(pack.sizeBytes).padStart(9)}${flags ? `  (${flags})` : ''}`,
    );
  }
}

function done(context: CliContext, result: object, sentence: string): void {
  context.out(context.json ? JSON.stringify(result, null, 2) : sentence);
}

function onePack(args: string[], action: string): string {
  const [pack, ...extra] = args;
  if (!pack || extra.length > 0)
    throw new UsageError(`say which pack to ${action}: its UUID or its 8-letter folder name`);
  return pack;
}

function noMoreArguments(args: string[], action: string): void {
  if (args.length > 0) throw new UsageError(`${action} takes no other arguments`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}
