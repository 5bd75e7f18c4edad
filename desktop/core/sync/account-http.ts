// The cloud's account routes (cloud/domains/accounts, mounted at /auth) as the desktop calls
// them. Answers are parsed here, once; the core may not import cloud/, so the shapes are
// mirrored and the end-to-end tests run them against the real server.
import { z } from 'zod';
import { SyncAccountError, SyncOfflineError, SyncSignInExpiredError } from './sync-errors.js';

const sessionSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.string(),
  accountId: z.string(),
  tenantId: z.string(),
  profile: z.string(),
});

export type CloudSession = z.infer<typeof sessionSchema> & {
  /**
   * How long the access token lives, by the server's own clock (its expiry less the answer's Date
   * header), so a computer whose clock is off neither keeps an expired token nor renews each time.
   */
  accessTokenLifetimeMs: number;
};

const meSchema = z.object({
  accountId: z.string(),
  email: z.string().nullable(),
  tenantId: z.string(),
  profile: z.string(),
  tenants: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), profile: z.string() })),
});

export type CloudMe = z.infer<typeof meSchema>;

export interface SignInInput {
  serverUrl: string;
  email: string;
  password: string;
  /** Which family or school, for an account in several; default: the server's choice. */
  tenantId?: string;
}

export interface SignUpInput {
  serverUrl: string;
  email: string;
  password: string;
  /** A new family or school to create, or an invitation (token) to join one. */
  tenant?: { kind: 'family' | 'school'; name: string };
  invitation?: string;
}

export class AccountHttp {
  constructor(
    private readonly fetch: typeof globalThis.fetch,
    private readonly timeoutMs = 30_000,
  ) {}

  async signUp(input: SignUpInput): Promise<CloudSession> {
    const { serverUrl, ...body } = input;
    return sessionOf(await this.post(serverUrl, '/auth/signup', body));
  }

  async signIn(input: SignInInput): Promise<CloudSession> {
    const { serverUrl, ...body } = input;
    return sessionOf(await this.post(serverUrl, '/auth/login', body));
  }

  /** Trades the refresh token (once: it is rotated) for a new pair. */
  async refresh(serverUrl: string, refreshToken: string): Promise<CloudSession> {
    try {
      return sessionOf(await this.post(serverUrl, '/auth/refresh', { refreshToken }));
    } catch (error) {
      if (error instanceof SyncAccountError && error.status === 401)
        throw new SyncSignInExpiredError(error.serverCode);
      throw error;
    }
  }

  async signOut(serverUrl: string, refreshToken: string): Promise<void> {
    await this.post(serverUrl, '/auth/logout', { refreshToken });
  }

  async me(serverUrl: string, accessToken: string): Promise<CloudMe> {
    return meSchema.parse((await this.request(serverUrl, '/auth/me', { method: 'GET' }, accessToken)).body);
  }

  private post(serverUrl: string, path: string, body: unknown): Promise<Answer> {
    return this.request(serverUrl, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request(
    serverUrl: string,
    path: string,
    init: RequestInit,
    accessToken?: string,
  ): Promise<Answer> {
    const headers = new Headers(init.headers);
    if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
    let res: Response;
    try {
      res = await this.fetch(new URL(path, serverUrl), {
        ...init,
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SyncOfflineError(error);
    }
    const text = await res.text();
    const parsed = jsonOrNull(text);
    if (!res.ok) throw refusalOf(res.status, parsed, path);
    return { body: parsed, date: Date.parse(res.headers.get('date') ?? '') };
  }
}

function jsonOrNull(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // not JSON (a proxy's error page): the status alone explains it
  }
}

/** An error answer as a SyncAccountError carrying the server's own sentence when it sent one. */
export function refusalOf(status: number, body: unknown, path: string): SyncAccountError {
  const problem = z.object({ error: z.string(), message: z.string() }).safeParse(body);
  return new SyncAccountError(
    status,
    problem.success ? problem.data.error : 'http_error',
    problem.success ? problem.data.message : `The sync server answered ${status} to ${path}.`,
  );
}

/** Reads an error answer's body (JSON or not) into a SyncAccountError. */
export async function refusalOfResponse(res: Response, path: string): Promise<SyncAccountError> {
  return refusalOf(res.status, jsonOrNull(await res.text()), path);
}

interface Answer {
  body: unknown;
  /** The server's clock when it answered (ms), NaN when it sent no Date header. */
  date: number;
}

function sessionOf(answer: Answer): CloudSession {
  const session = sessionSchema.parse(answer.body);
  const expiresAt = Date.parse(session.accessTokenExpiresAt);
  const lifetime = Number.isNaN(answer.date) ? expiresAt - Date.now() : expiresAt - answer.date;
  return { ...session, accessTokenLifetimeMs: Math.max(0, lifetime) };
}
