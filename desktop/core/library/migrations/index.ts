/** Every migration, in order. Append only. */
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-duplicate-overrides';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002];
