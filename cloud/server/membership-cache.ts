// Predicted memberships: (tenant, account) → the profile last read from the database. A GET
// request whose caller is in here does not read its membership before its first statement; it
// sends app_check_membership(<profile>) in the same round trip instead (migrations/0021), which
// aborts the transaction unless the caller is still a member with exactly that profile. So the
// cache saves a round trip per request and never widens access: a removed or demoted member is
// refused by the database inside the very transaction, in every process, with no delay. Entries
// expire (TTL) only to bound memory and staleness of the prediction, not for safety; routes that
// change memberships in this process forget them so that the next request does not mispredict.
import type { Clock } from '../auth/clock.js';

interface Entry {
  profile: string;
  expiresAt: number;
}

export const MEMBERSHIP_CACHE_TTL_SECONDS = 60;
export const MEMBERSHIP_CACHE_MAX_ENTRIES = 10_000;

export class MembershipCache {
  // A Map iterates in insertion order, so the first key is the oldest entry.
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly ttlSeconds = MEMBERSHIP_CACHE_TTL_SECONDS,
    readonly maxEntries = MEMBERSHIP_CACHE_MAX_ENTRIES,
  ) {}

  /** The predicted profile, or undefined when unknown or expired. */
  get(tenantId: string, accountId: string): string | undefined {
    const key = `${tenantId}/${accountId}`;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock().getTime()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.profile;
  }

  /** Remembers a profile just read from the database. */
  remember(tenantId: string, accountId: string, profile: string): void {
    const key = `${tenantId}/${accountId}`;
    this.#entries.delete(key); // re-inserted as the newest
    this.#entries.set(key, { profile, expiresAt: this.clock().getTime() + this.ttlSeconds * 1000 });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** A membership changed or ended. */
  forget(tenantId: string, accountId: string): void {
    this.#entries.delete(`${tenantId}/${accountId}`);
  }

  /** A whole tenant ended (erasure). */
  forgetTenant(tenantId: string): void {
    const prefix = `${tenantId}/`;
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
