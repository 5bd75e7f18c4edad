// The service's settings, read once from the environment at start-up. Every variable is
// optional; a bad value stops the start with a message naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_ARGON2, type Argon2Params } from '../auth/password-hasher.js';
import { defaultDataDir } from './data-dir.js';

export interface OidcProvider {
  /** Accepted `iss` values. */
  issuers: string[];
  /** Accepted `aud` values: the OAuth client ids of our apps. */
  audiences: string[];
  jwksUrl: string;
}

export interface LockoutPolicy {
  /** Failed sign-ins for one email within the window before the account is locked. */
  accountMaxFailures: number;
  /** Failed sign-ins from one address within the window before the address is refused. */
  addressMaxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export interface RateLimit {
  /** Requests per window per client address, all routes. */
  max: number;
  /** Requests per window per client address on sign-in, sign-up and refresh. */
  authMax: number;
  windowSeconds: number;
}

export interface CloudConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Admin connection to a PostgreSQL server; PGlite in dataDir when absent. */
  databaseUrl?: string;
  /** Optional connection that logs in as the app role. */
  databaseAppUrl?: string;
  /** base64url service secret; generated into dataDir when absent. */
  secret?: string;
  logLevel: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Longest an invitation may live. */
  invitationMaxTtlSeconds: number;
  argon2: Argon2Params;
  lockout: LockoutPolicy;
  rateLimit: RateLimit | false;
  oidc: { google?: OidcProvider; apple?: OidcProvider };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_PORT = 8787;

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  accountMaxFailures: 5,
  addressMaxFailures: 20,
  windowSeconds: 900,
  lockSeconds: 900,
};

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 600, authMax: 30, windowSeconds: 60 };

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  PORT: int('PORT', 0, 65535).optional(),
  HOST: z.string().min(1).optional(),
  CLOUD_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  DATABASE_APP_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_APP_URL must start with postgres://')
    .optional(),
  CLOUD_SECRET: z.string().min(43, 'CLOUD_SECRET must be at least 32 bytes, base64url-encoded').optional(),
  CLOUD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  CLOUD_BODY_LIMIT: int('CLOUD_BODY_LIMIT', 1024, 64 * 1024 * 1024).optional(),
  CLOUD_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).optional(),
  CLOUD_RATE_LIMIT: int('CLOUD_RATE_LIMIT', 0, 1_000_000).optional(),
  CLOUD_AUTH_RATE_LIMIT: int('CLOUD_AUTH_RATE_LIMIT', 1, 1_000_000).optional(),
  CLOUD_ARGON2_MEMORY_KIB: int('CLOUD_ARGON2_MEMORY_KIB', 8, 4 * 1024 * 1024).optional(),
  CLOUD_ARGON2_ITERATIONS: int('CLOUD_ARGON2_ITERATIONS', 1, 100).optional(),
  GOOGLE_CLIENT_ID: list.optional(),
  GOOGLE_JWKS_URL: z.url().optional(),
  GOOGLE_ISSUER: list.optional(),
  APPLE_CLIENT_ID: list.optional(),
  APPLE_JWKS_URL: z.url().optional(),
  APPLE_ISSUER: list.optional(),
});

/** Published endpoints of the two providers (their OpenID discovery documents). */
const GOOGLE = {
  issuers: ['https://accounts.google.com', 'accounts.google.com'],
  jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
};
const APPLE = { issuers: ['https://appleid.apple.com'], jwksUrl: 'https://appleid.apple.com/auth/keys' };

function provider(
  audiences: string[] | undefined,
  jwksUrl: string | undefined,
  issuers: string[] | undefined,
  defaults: typeof GOOGLE,
): OidcProvider | undefined {
  if (!audiences || audiences.length === 0) return undefined; // not configured: the route says so
  return { audiences, jwksUrl: jwksUrl ?? defaults.jwksUrl, issuers: issuers ?? defaults.issuers };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CloudConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Bad setting ${String(first?.path[0] ?? '')}: ${first?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const rateMax = e.CLOUD_RATE_LIMIT ?? DEFAULT_RATE_LIMIT.max;
  return {
    host: e.HOST ?? '127.0.0.1',
    port: e.PORT ?? DEFAULT_PORT,
    dataDir: path.resolve(e.CLOUD_DATA_DIR ?? defaultDataDir(env)),
    databaseUrl: e.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL,
    secret: e.CLOUD_SECRET,
    logLevel: e.CLOUD_LOG_LEVEL ?? 'info',
    bodyLimitBytes: e.CLOUD_BODY_LIMIT ?? 64 * 1024,
    trustProxy: e.CLOUD_TRUST_PROXY === '1' || e.CLOUD_TRUST_PROXY === 'true',
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlSeconds: 30 * 24 * 3600,
    invitationMaxTtlSeconds: 14 * 24 * 3600,
    argon2: {
      ...DEFAULT_ARGON2,
      ...(e.CLOUD_ARGON2_MEMORY_KIB ? { memoryKiB: e.CLOUD_ARGON2_MEMORY_KIB } : {}),
      ...(e.CLOUD_ARGON2_ITERATIONS ? { iterations: e.CLOUD_ARGON2_ITERATIONS } : {}),
    },
    lockout: DEFAULT_LOCKOUT,
    rateLimit:
      rateMax === 0
        ? false
        : {
            ...DEFAULT_RATE_LIMIT,
            max: rateMax,
            authMax: e.CLOUD_AUTH_RATE_LIMIT ?? DEFAULT_RATE_LIMIT.authMax,
          },
    oidc: {
      google: provider(e.GOOGLE_CLIENT_ID, e.GOOGLE_JWKS_URL, e.GOOGLE_ISSUER, GOOGLE),
      apple: provider(e.APPLE_CLIENT_ID, e.APPLE_JWKS_URL, e.APPLE_ISSUER, APPLE),
    },
  };
}
