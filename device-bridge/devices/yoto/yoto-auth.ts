/**
 * Signing in to Yoto, as documented for apps like ours: OAuth 2 authorization code with PKCE
 * and a loopback redirect (https://yoto.dev/authentication/browser-auth,
 * https://yoto.dev/authentication/device-code-migration: the device-code flow is deprecated;
 * "Start a temporary local HTTP server on the loopback interface", register e.g.
 * `http://127.0.0.1:8787/callback` in dashboard.yoto.dev). Tokens come from
 * `POST https://login.yotoplay.com/oauth/token`, which exchanges "authorization code or refresh
 * token for access tokens" (https://yoto.dev/api/post-oauth-token).
 *
 * This file holds the pieces that are pure protocol (PKCE pair, authorize URL, the two token
 * requests). Opening the browser and listening on the loopback port belong to the desktop shell.
 *
 * UNCONFIRMED: the form fields of the refresh request. Yoto documents the endpoint and its
 * answer, not the refresh body; we send standard OAuth 2 (RFC 6749 §6): grant_type=refresh_token,
 * client_id, refresh_token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

import { SIGN_IN_AGAIN, YotoError } from './yoto-error.js';
import { fetchWithDeadline, errorFromResponse, parseJson, type FetchFunction } from './yoto-http.js';

export const YOTO_AUTH_BASE_URL = 'https://login.yotoplay.com';
export const YOTO_API_AUDIENCE = 'https://api.yotoplay.com';
/**
 * `offline_access` gives a refresh token; the content scopes are the ones yoto.dev lists for
 * creating playlists and uploading icons (https://yoto.dev/api/createorupdatecontent: "Required
 * Scope user:content:manage").
 */
export const YOTO_SCOPES = 'openid profile offline_access user:content:manage user:icons:manage';

export interface YotoTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt?: number;
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** RFC 7636 S256: a 43-character verifier and its SHA-256, both base64url. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function yotoAuthorizeUrl(options: {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  authBaseUrl?: string;
  scope?: string;
}): string {
  const url = new URL('/authorize', options.authBaseUrl ?? YOTO_AUTH_BASE_URL);
  url.search = new URLSearchParams({
    audience: YOTO_API_AUDIENCE,
    scope: options.scope ?? YOTO_SCOPES,
    response_type: 'code',
    client_id: options.clientId,
    code_challenge: options.codeChallenge,
    code_challenge_method: 'S256',
    redirect_uri: options.redirectUri,
    state: options.state,
  }).toString();
  return url.toString();
}

/** The documented answer of /oauth/token (https://yoto.dev/api/post-oauth-token). */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
});

export interface TokenRequestOptions {
  clientId: string;
  authBaseUrl?: string;
  fetch?: FetchFunction;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export async function exchangeYotoCode(
  code: string,
  codeVerifier: string,
  redirectUri: string,
  options: TokenRequestOptions,
): Promise<YotoTokens> {
  return tokenRequest(
    {
      grant_type: 'authorization_code',
      client_id: options.clientId,
      code,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
    },
    options,
    undefined,
  );
}

/**
 * A new access token from the refresh token. Refused (400/401/403) means the sign-in is gone:
 * a `sign-in` error. Offline stays `offline`: a parent must not be told to sign in because the
 * Wi-Fi dropped.
 */
export async function refreshYotoToken(
  refreshToken: string,
  options: TokenRequestOptions,
): Promise<YotoTokens> {
  return tokenRequest(
    { grant_type: 'refresh_token', client_id: options.clientId, refresh_token: refreshToken },
    options,
    refreshToken,
  );
}

async function tokenRequest(
  form: Record<string, string>,
  options: TokenRequestOptions,
  previousRefresh: string | undefined,
): Promise<YotoTokens> {
  const url = new URL('/oauth/token', options.authBaseUrl ?? YOTO_AUTH_BASE_URL).toString();
  const answer = await fetchWithDeadline(
    options.fetch ?? fetch,
    url,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    },
    options.timeoutMs ?? 30_000,
    options.signal,
  );
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
    const refused = errorFromResponse(answer.status, answer.text, 'the sign-in');
    throw new YotoError('sign-in', `${SIGN_IN_AGAIN} (${refused.message})`, {
      status: answer.status,
      cause: refused,
    });
  }
  if (answer.status < 200 || answer.status >= 300)
    throw errorFromResponse(answer.status, answer.text, 'the sign-in');
  const parsed = tokenResponseSchema.safeParse(parseJson(answer.text, 'the sign-in'));
  if (!parsed.success) throw new YotoError('bad-response', 'Yoto’s sign-in answer has no access token.');
  const now = (options.now ?? Date.now)();
  const refreshToken = parsed.data.refresh_token ?? previousRefresh;
  return {
    accessToken: parsed.data.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    ...(parsed.data.expires_in !== undefined ? { expiresAt: now + parsed.data.expires_in * 1000 } : {}),
  };
}
