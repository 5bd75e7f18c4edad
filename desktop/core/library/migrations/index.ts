/** Every migration, in order. Append only. */
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-duplicate-overrides';
import { migration0003 } from './0003-ai-provenance-and-moderation';
import { migration0004 } from './0004-fts-row-key';
import { migration0005 } from './0005-narration';
import { migration0006 } from './0006-box-packs';
import { migration0007 } from './0007-sync-tables';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
];
