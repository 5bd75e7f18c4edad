/**
 * Where Talemo reaches Yoto, and as whom. Yoto only lets registered apps sign in (an OAuth
 * client id from dashboard.yoto.dev, with the loopback redirect registered), and Talemo has no
 * registered client yet; so the connection comes from the environment, and without a client id
 * the app says plainly that it cannot sign in to Yoto (the queue still fills and waits).
 */
import { YOTO_AUTH_BASE_URL } from '../../../device-bridge/devices/yoto/yoto-auth';
import { YOTO_API_BASE_URL } from '../../../device-bridge/devices/yoto/yoto-client';
import { TalemoError } from '../errors';

export interface YotoConnection {
  clientId: string;
  apiBaseUrl: string;
  authBaseUrl: string;
  /** The loopback port Yoto redirects to after the sign-in; 0 picks a free one (a test server accepts any). */
  redirectPort: number;
}

/**
 * TALEMO_YOTO_CLIENT_ID (required to sign in), TALEMO_YOTO_API_URL, TALEMO_YOTO_AUTH_URL,
 * TALEMO_YOTO_REDIRECT_PORT (the port registered with Yoto, default 8787). Null without a client id.
 */
export function yotoConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): YotoConnection | null {
  const clientId = env.TALEMO_YOTO_CLIENT_ID?.trim();
  if (!clientId) return null;
  return {
    clientId,
    apiBaseUrl: httpUrl(env.TALEMO_YOTO_API_URL, YOTO_API_BASE_URL, 'TALEMO_YOTO_API_URL'),
    authBaseUrl: httpUrl(env.TALEMO_YOTO_AUTH_URL, YOTO_AUTH_BASE_URL, 'TALEMO_YOTO_AUTH_URL'),
    redirectPort: port(env.TALEMO_YOTO_REDIRECT_PORT),
  };
}

function httpUrl(value: string | undefined, fallback: string, name: string): string {
  if (!value?.trim()) return fallback;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new TalemoError('invalid-input', `${name} is not a web address: "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TalemoError('invalid-input', `${name} must start with https:// (it is "${value}").`);
  return url.toString().replace(/\/$/, '');
}

function port(value: string | undefined): number {
  if (!value?.trim()) return 8787;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535)
    throw new TalemoError(
      'invalid-input',
      `TALEMO_YOTO_REDIRECT_PORT must be a port number (it is "${value}").`,
    );
  return parsed;
}
