/** What every `talemo` subcommand provides, and what it gets to run with. */
import type { ParseArgsConfig } from 'node:util';

import type { TalemoCore } from '../core/talemo-core';

export interface CliContext {
  /** Opens the library named by --library (or the app's); only called by commands that need it. */
  core(): Promise<TalemoCore>;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  /** Data for the user: stdout. With --json, exactly one JSON document. */
  out(text: string): void;
  /** Progress and notes: stderr, and progress only when stderr is a terminal. */
  progress(phase: string, done: number, total: number): void;
  /** Text for a person watching (a draft forming): stderr, only when it is a terminal. */
  note(text: string): void;
  /** Aborts on Ctrl+C: long commands stop cleanly and say what was kept. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(context: CliContext): Promise<void>;
}

/** A mistake in how the command was called: exit code 2 and the usage line. */
export class UsageError extends Error {}
