// The signed-in family's (or school's) cloud side: its members, invitations, and its data as a
// download or erased. Routes: cloud/domains/tenants (/tenant, /tenant/members),
// cloud/domains/invitations (/invitations) and cloud/domains/family-data (/family-data). The
// server decides every right; answers are parsed here once (the core may not import cloud/).
// Emails and tokens are never logged or put in an error message.
import { z } from 'zod';

import { refusalOf, refusalOfResponse } from './account-http.js';
import {
  FamilyNameMismatchError,
  FamilyNotSignedInError,
  SIGN_IN_EXPIRED_MESSAGE,
  SyncAccountError,
  SyncSignInExpiredError,
} from './sync-errors.js';
import { readBodyCapped } from './capped-body';

/** The family's export holds its stored recordings: large, but not without end. */
const MAX_EXPORT_BYTES = 512 * 1024 * 1024;
/** Members and invitations: a few kilobytes even for a school. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** How to reach the cloud as the signed-in account; null while signed out. */
export interface CloudLink {
  serverUrl: string;
  accountId: string;
  profile: string;
  /** A usable access token (renewed when about to expire). */
  token: () => Promise<string>;
  /** fetch that retries once with a renewed token on a 401. */
  fetch: typeof globalThis.fetch;
}

export interface FamilyAdminOptions {
  link: () => CloudLink | null;
  /** After an erasure: the family is gone, so this computer signs out of it. */
  onErased: () => Promise<void>;
  timeoutMs?: number;
}

const tenantSchema = z.object({ id: z.string(), kind: z.enum(['family', 'school']), name: z.string() });
const memberSchema = z.object({
  accountId: z.string(),
  email: z.string().nullable(),
  profile: z.string(),
  profileLabel: z.string(),
  joinedAt: z.string(),
});
const invitationSchema = z.object({
  id: z.string(),
  profile: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
});
const tombstoneSchema = z.object({
  erasedAt: z.string(),
  rowCounts: z.record(z.string(), z.number()),
});

export type FamilyMember = z.infer<typeof memberSchema> & { isYou: boolean };
export type FamilyInvitation = z.infer<typeof invitationSchema>;

export interface FamilyOverview {
  family: { kind: 'family' | 'school'; name: string };
  you: { accountId: string; profile: string };
  members: FamilyMember[];
  /** null when the signed-in profile may not see invitations (only inviters may). */
  invitations: FamilyInvitation[] | null;
  /**
   * What this profile may do, as the cloud's profiles say today (cloud/auth/permission-profiles.json).
   * Only which buttons to show: the server checks again and refuses with its own words.
   */
  rights: { invite: boolean; manage: boolean; exportData: boolean; eraseData: boolean };
}

// Mirrors permission-profiles.json: admin alone manages members and the family's data; kids
// listen-only cannot invite. An unknown (newer) profile gets the buttons and the server decides.
const ADMIN = 'admin';
const CANNOT_INVITE = new Set(['kids_listen_only']);

/**
 * The typed name is compared as a person reads it: surrounding spaces and Unicode composition
 * ignored, letters and case exact (it is the strong confirmation of an erasure).
 */
export function sameFamilyName(typed: string, actual: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
  return norm(typed) !== '' && norm(typed) === norm(actual);
}

export class FamilyAdmin {
  constructor(private readonly options: FamilyAdminOptions) {}

  async overview(): Promise<FamilyOverview> {
    const link = this.linkOrThrow();
    const [tenant, members] = await Promise.all([
      this.json(link, '/tenant', { method: 'GET' }, tenantSchema),
      this.json(link, '/tenant/members', { method: 'GET' }, z.object({ members: z.array(memberSchema) })),
    ]);
    const invitations = await this.invitations(link);
    const admin = link.profile === ADMIN;
    return {
      family: { kind: tenant.kind, name: tenant.name },
      you: { accountId: link.accountId, profile: link.profile },
      members: members.members.map((m) => ({ ...m, isYou: m.accountId === link.accountId })),
      invitations,
      rights: {
        invite: !CANNOT_INVITE.has(link.profile),
        manage: admin,
        exportData: admin,
        eraseData: admin,
      },
    };
  }

  /** A new invitation; its token is answered once, for the inviter to pass on (never stored here). */
  async invite(input: {
    profile: string;
    expiresInHours?: number;
  }): Promise<{ id: string; profile: string; expiresAt: string; token: string }> {
    const link = this.linkOrThrow();
    const { id, profile, expiresAt, token } = await this.json(
      link,
      '/invitations',
      jsonBody('POST', input),
      invitationSchema.extend({ token: z.string().min(1) }),
    );
    return { id, profile, expiresAt, token };
  }

  async revokeInvitation(id: string): Promise<void> {
    const link = this.linkOrThrow();
    await this.send(link, `/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  async removeMember(accountId: string): Promise<void> {
    const link = this.linkOrThrow();
    await this.send(link, `/tenant/members/${encodeURIComponent(accountId)}`, { method: 'DELETE' });
  }

  /** Everything the cloud holds of the family, as the server's zip (JSON files and the stored audio). */
  async exportData(): Promise<{ fileName: string; data: Uint8Array }> {
    const link = this.linkOrThrow();
    const res = await this.send(link, '/family-data/export', { method: 'GET' });
    const data = await readBodyCapped(res, MAX_EXPORT_BYTES, 'export');
    const named = /filename="([^"/\\]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
    return { fileName: named ?? 'talemo-family-export.zip', data };
  }

  /**
   * Erases the family's cloud data, once `familyName` matches the family's name as the server has
   * it now, then signs this computer out (the family is gone). Stories on this computer stay.
   */
  async eraseData(familyName: string): Promise<{ erasedAt: string; rowsErased: number }> {
    const link = this.linkOrThrow();
    const tenant = await this.json(link, '/tenant', { method: 'GET' }, tenantSchema);
    if (!sameFamilyName(familyName, tenant.name)) throw new FamilyNameMismatchError(tenant.name);
    const { confirmationToken } = await this.json(
      link,
      '/family-data/erasure',
      jsonBody('POST', {}),
      z.object({ confirmationToken: z.string().min(1) }),
    );
    const tombstone = await this.json(
      link,
      '/family-data/erase',
      jsonBody('POST', { confirmationToken }),
      tombstoneSchema,
    );
    await this.options.onErased();
    const rowsErased = Object.values(tombstone.rowCounts).reduce((sum, n) => sum + n, 0);
    return { erasedAt: tombstone.erasedAt, rowsErased };
  }

  private async invitations(link: CloudLink): Promise<FamilyInvitation[] | null> {
    if (CANNOT_INVITE.has(link.profile)) return null;
    try {
      const answer = await this.json(
        link,
        '/invitations',
        { method: 'GET' },
        z.object({ invitations: z.array(invitationSchema) }),
      );
      return answer.invitations;
    } catch (error) {
      // A profile the mirror above does not know may lack the right: show members without them.
      if (error instanceof SyncAccountError && error.status === 403) return null;
      throw error;
    }
  }

  private linkOrThrow(): CloudLink {
    const link = this.options.link();
    if (!link) throw new FamilyNotSignedInError();
    return link;
  }

  private async json<T>(link: CloudLink, path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
    const res = await this.send(link, path, init);
    const text = new TextDecoder().decode(await readBodyCapped(res, MAX_ANSWER_BYTES, 'answer'));
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) throw refusalOf(502, null, path);
    return parsed.data;
  }

  /** One request as the signed-in account; any refusal becomes a SyncAccountError in the server's words. */
  private async send(link: CloudLink, path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await link.token()}`);
      res = await link.fetch(new URL(path, link.serverUrl), {
        ...init,
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw reachFailure(error, link.serverUrl);
    }
    if (!res.ok) throw await refusalOfResponse(res, path);
    return res;
  }
}

function jsonBody(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function reachFailure(error: unknown, serverUrl: string): Error {
  if (error instanceof SyncSignInExpiredError)
    return new SyncAccountError(401, error.serverCode, SIGN_IN_EXPIRED_MESSAGE);
  if (error instanceof SyncAccountError) return error;
  return new SyncAccountError(
    0,
    'offline',
    `The family cloud at ${serverUrl} cannot be reached; check the connection, then try again.`,
  );
}
