// The hash chain itself, free of the database: what an entry's hash covers and how a run of
// entries is checked. hash = SHA-256(prev_hash || canonical JSON of the entry fields).
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** prev_hash of a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryFields {
  tenantId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  subject: string;
  details: unknown;
}

export interface ChainedEntry extends AuditEntryFields {
  prevHash: string;
  hash: string;
}

export function entryHash(prevHash: string, entry: AuditEntryFields): string {
  const body = canonicalJson({
    tenantId: entry.tenantId,
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The hash of the last entry: what a later check (or a tombstone) can compare against. */
  head: string | null;
  /** The first entry that does not follow from the ones before it. */
  firstBroken?: { seq: number; reason: string };
}

/** Checks entries in seq order: numbering, links and hashes. */
export function verifyEntries(entries: readonly ChainedEntry[]): VerifyResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const broken = (reason: string): VerifyResult => ({
      ok: false,
      entries: entries.length,
      head: entries.at(-1)?.hash ?? null,
      firstBroken: { seq: entry.seq, reason },
    });
    if (entry.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing`);
    if (entry.prevHash !== prev) return broken('it does not link to the entry before it');
    if (entryHash(prev, entry) !== entry.hash) return broken('its content does not match its hash');
    prev = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length, head: entries.length > 0 ? prev : null };
}
