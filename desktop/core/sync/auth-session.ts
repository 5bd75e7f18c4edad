// A signed-in session: the access token in memory only, the refresh token in the session file.
// The access token is renewed shortly before it expires, and once more when the server answers
// 401 anyway (its clock differs, or it was restarted with a new key). Refresh tokens are single
// use (the server rotates them and treats a reuse as theft), so one refresh runs at a time and
// the new token is on disk before it is used.
import type { AccountHttp, CloudSession } from './account-http.js';
import type { SessionFile, StoredSession } from './session-file.js';
import { SyncSignInExpiredError } from './sync-errors.js';

/** Renew this long before the access token expires, so a request never leaves with a stale one. */
const RENEW_BEFORE_MS = 60_000;

export interface AuthSessionOptions {
  file: SessionFile;
  http: AccountHttp;
  clock: () => Date;
  fetch: typeof globalThis.fetch;
  /** The server refused the refresh token: the file is already removed. */
  onExpired(error: SyncSignInExpiredError): void;
}

export class AuthSession {
  private access: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;
  private ended = false;

  constructor(
    private current: StoredSession,
    private readonly options: AuthSessionOptions,
  ) {}

  get stored(): StoredSession {
    return { ...this.current };
  }

  /** Takes a fresh pair from a sign-in or a refresh; the refresh token is saved first. */
  adopt(session: CloudSession): void {
    const next: StoredSession = {
      ...this.current,
      refreshToken: session.refreshToken,
      refreshTokenExpiresAt: session.refreshTokenExpiresAt,
      accountId: session.accountId,
      tenantId: session.tenantId,
      profile: session.profile,
    };
    this.options.file.write(next);
    this.current = next;
    this.access = {
      token: session.accessToken,
      expiresAt: this.options.clock().getTime() + session.accessTokenLifetimeMs,
    };
  }

  /** A usable access token, renewed first when it is missing or about to expire. */
  async accessToken(): Promise<string> {
    const access = this.access;
    if (access && access.expiresAt - this.options.clock().getTime() > RENEW_BEFORE_MS) return access.token;
    return this.renew();
  }

  /**
   * Renews once for any number of callers. A caller whose token was refused passes it: if
   * another caller has renewed since, the new token is returned without spending another refresh.
   */
  renew(refused?: string): Promise<string> {
    if (refused !== undefined && this.access && this.access.token !== refused)
      return Promise.resolve(this.access.token);
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Waits for a renewal under way, so sign-out revokes the newest refresh token. */
  async settle(): Promise<void> {
    await this.refreshing?.catch(() => undefined);
    this.ended = true;
  }

  private async refresh(): Promise<string> {
    if (this.ended) throw new SyncSignInExpiredError('signed_out');
    try {
      const session = await this.options.http.refresh(this.current.serverUrl, this.current.refreshToken);
      this.adopt(session);
      return session.accessToken;
    } catch (error) {
      if (error instanceof SyncSignInExpiredError) {
        this.ended = true;
        this.access = null;
        this.options.file.remove();
        this.options.onExpired(error);
      }
      throw error;
    }
  }

  /**
   * fetch for the sync client: a 401 answer is retried once with a renewed token. Requests
   * without a bearer token (none are made) pass through untouched.
   */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const res = await this.options.fetch(input, init);
    if (res.status !== 401) return res;
    const sent = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '');
    if (sent === undefined) return res;
    await res.body?.cancel();
    const token = await this.renew(sent);
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return this.options.fetch(input, { ...init, headers });
  };
}
