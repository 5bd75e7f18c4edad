/**
 * The journal of the running operation, kept ON THE BOX at `/.talemo-journal` (written
 * durably) rather than on the laptop: the box may next be plugged into another computer, and
 * whichever Talemo sees it then can finish or undo the operation (box-repair.ts). It holds,
 * for an install, the SHA-256 of every file once a pack is copied and verified, so a copy can
 * be checked and committed without its source. Cleared when the operation ends.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';

import type { z } from 'zod';

import { BOX_FILE_LIMITS, readFileCapped } from '../devices/capped-read';
import { JOURNAL_FILE } from '../devices/lunii-layout';
import { DIGEST_HEX_LENGTH } from './content-digest';
import { removeFileDurable, writeFileDurable } from './durable-file';
import { faultPoint } from './fault-point';
import { TransferError } from './transfer-error';

/**
 * Built on first use: zod takes a noticeable part of a second to load, and most runs never
 * read a journal (there is none), least of all the fault-injection child started hundreds of
 * times.
 */
async function journalSchemas() {
  const { z } = await import('zod');
  const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const manifestFile = z.object({
    path: z.string().min(1),
    size: z.number().int().nonnegative(),
    digest: z.string().regex(new RegExp(`^[0-9a-f]{${DIGEST_HEX_LENGTH}}$`)),
  });

  const installEntry = z.object({
    uuid,
    /** pending → copying (temp folder) → verified (files listed) → done (in `.pi`). */
    state: z.enum(['pending', 'copying', 'verified', 'done']),
    files: z.array(manifestFile).optional(),
  });

  const common = { version: z.literal(1), startedAt: z.string(), host: z.string() };

  const journalSchema = z.discriminatedUnion('op', [
    z.object({ ...common, op: z.literal('install'), packs: z.array(installEntry) }),
    z.object({ ...common, op: z.literal('remove'), packs: z.array(z.object({ uuid, hidden: z.boolean() })) }),
    z.object({ ...common, op: z.literal('move'), uuid, toHidden: z.boolean() }),
  ]);
  return { journalSchema, installEntry, manifestFile };
}

let schemas: ReturnType<typeof journalSchemas> | undefined;

type Schemas = Awaited<ReturnType<typeof journalSchemas>>;
export type Journal = z.infer<Schemas['journalSchema']>;
export type InstallJournal = Extract<Journal, { op: 'install' }>;
export type InstallEntry = z.infer<Schemas['installEntry']>;
export type ManifestFile = z.infer<Schemas['manifestFile']>;

/** A journal without its stamp, one variant at a time (Omit over a union would merge them). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NewJournal = OmitEach<Journal, 'version' | 'startedAt' | 'host'>;

export function newJournal(body: NewJournal): Journal {
  return { version: 1, startedAt: new Date().toISOString(), host: hostname(), ...body } as Journal;
}

export type JournalRead = { kind: 'none' } | { kind: 'ok'; journal: Journal } | { kind: 'damaged' };

export async function readJournal(root: string): Promise<JournalRead> {
  let text: string;
  try {
    const bytes = await readFileCapped(join(root, JOURNAL_FILE), BOX_FILE_LIMITS.journal);
    // Why damaged and not an error: repair discards a journal it cannot read, and one this long is not ours.
    if (bytes.length > BOX_FILE_LIMITS.journal) return { kind: 'damaged' };
    text = bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  try {
    const { journalSchema } = await (schemas ??= journalSchemas());
    const parsed = journalSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'ok', journal: parsed.data } : { kind: 'damaged' };
  } catch {
    return { kind: 'damaged' };
  }
}

export async function writeJournal(root: string, journal: Journal): Promise<void> {
  await writeFileDurable(join(root, JOURNAL_FILE), Buffer.from(JSON.stringify(journal)));
  faultPoint(`journal-${journal.op}`);
}

export async function clearJournal(root: string): Promise<void> {
  await removeFileDurable(join(root, JOURNAL_FILE));
  faultPoint('journal-cleared');
}

/** Refuses to start while an earlier operation is unfinished on the box. */
export async function ensureNoJournal(root: string): Promise<void> {
  const read = await readJournal(root);
  if (read.kind === 'none') return;
  const when = read.kind === 'ok' ? ` (started ${read.journal.startedAt} on ${read.journal.host})` : '';
  throw new TransferError(
    'interrupted',
    `An earlier transfer to this box${when} did not finish. Repair the box first (Talemo does it when the box is plugged in).`,
  );
}
