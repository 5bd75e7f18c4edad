/**
 * The `talemo` command line: the same core the app uses, for scripts, schools and checks.
 * Exit codes: 0 done, 1 a failure the user can act on (one line on stderr), 2 bad usage.
 * Stack traces only with --debug.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { defaultDataDir } from '../core/data-dir';
import { embedModelFromEnv } from '../core/embedder-choice';
import { isTalemoError } from '../core/errors';
import { TalemoCore } from '../core/talemo-core';
import { UsageError, type CliCommand, type CliContext } from './cli-command';
import { addCommand } from './commands/add-command';
import { audioCommand } from './commands/audio-command';
import { dedupeCommand } from './commands/dedupe-command';
import { devicesCommand } from './commands/devices-command';
import { draftCommand } from './commands/draft-command';
import { exportCommand } from './commands/export-command';
import { importCommand } from './commands/import-command';
import { listCommand } from './commands/list-command';
import { luniiCommand } from './commands/lunii-command';
import { modelsCommand } from './commands/models-command';
import { narrateCommand } from './commands/narrate-command';
import { packCommand } from './commands/pack-command';
import { searchCommand } from './commands/search-command';
import { tafCommand } from './commands/taf-command';
import { toniesCommand } from './commands/tonies-command';
import { yotoCommand } from './commands/yoto-command';

const COMMANDS: CliCommand[] = [
  listCommand,
  importCommand,
  exportCommand,
  searchCommand,
  addCommand,
  dedupeCommand,
  draftCommand,
  modelsCommand,
  narrateCommand,
  audioCommand,
  luniiCommand,
  devicesCommand,
  tafCommand,
  toniesCommand,
  packCommand,
  yotoCommand,
];

const GLOBAL_OPTIONS = {
  library: { type: 'string' },
  'embed-model': { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function usage(): string {
  return [
    'Usage: talemo <command> [options]   (every command takes --library <dir>, --json, --debug,',
    '       and --embed-model <dir>: a neural sentence model folder instead of the built-in embedder)',
    '',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(80)} ${command.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  if (!command) {
    process.stderr.write(`talemo: unknown command "${name}". Run "talemo --help" for the list.\n`);
    return 2;
  }
  let debug = rest.includes('--debug');
  let core: TalemoCore | null = null;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
    });
    debug = values.debug === true;
    if (values.help) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    const libraryDir = typeof values.library === 'string' ? resolve(values.library) : defaultDataDir();
    const modelFolder =
      typeof values['embed-model'] === 'string' ? resolve(values['embed-model']) : embedModelFromEnv();
    const showProgress = process.stderr.isTTY === true;
    const interrupt = new AbortController();
    // First Ctrl+C: stop the work cleanly; a second one: leave at once.
    process.once('SIGINT', () => {
      interrupt.abort(new Error('interrupted'));
      process.once('SIGINT', () => process.exit(130));
    });
    const context: CliContext = {
      core: async () => (core ??= await TalemoCore.open(libraryDir, { modelFolder })),
      positionals,
      values,
      json: values.json === true,
      out: (text) => process.stdout.write(`${text}\n`),
      note: (text) => {
        if (showProgress) process.stderr.write(text);
      },
      signal: interrupt.signal,
      progress: (phase, done, total) => {
        if (!showProgress) return;
        const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
        process.stderr.write(`\r${phase} ${percent}%${done >= total ? '\n' : ''}`);
      },
    };
    await command.run(context);
    return 0;
  } catch (error) {
    if (debug) console.error(error);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`talemo ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (isTalemoError(error)) {
      process.stderr.write(`talemo ${command.name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `talemo ${command.name}: unexpected failure (${(error as Error).message}). Run again with --debug for details.\n`,
    );
    return 1;
  } finally {
    (core as TalemoCore | null)?.close();
  }
}
