// Opens everything the app needs, in order: database (PGlite in the data folder, or the server
// in DATABASE_URL), migrations, the service secret, then the auth services built on them.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AccessTokens } from '../auth/access-tokens.js';
import { systemClock, type Clock } from '../auth/clock.js';
import { IdTokenVerifier } from '../auth/id-token-verifier.js';
import { InvitationTokens } from '../auth/invitation-tokens.js';
import { LoginLockout } from '../auth/login-lockout.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { RefreshTokens } from '../auth/refresh-tokens.js';
import { loadOrCreateServiceSecret, ServiceSecret } from '../auth/service-secret.js';
import type { CloudDatabase } from '../db/database.js';
import { loadMigrations, migrate, type Migration } from '../db/migrations.js';
import { PgliteDatabase } from '../db/pglite-database.js';
import { PostgresDatabase } from '../db/postgres-database.js';
import type { CloudConfig } from './config.js';
import { MembershipCache } from './membership-cache.js';
import type { CloudServices } from './services.js';

export interface ServiceOverrides {
  /** An already open database (tests share one per file). */
  db?: CloudDatabase;
  clock?: Clock;
  secret?: ServiceSecret;
  migrations?: Migration[];
}

export async function openDatabase(config: CloudConfig): Promise<CloudDatabase> {
  if (config.databaseUrl) {
    return PostgresDatabase.open({
      adminUrl: config.databaseUrl,
      ...(config.databaseAppUrl ? { appUrl: config.databaseAppUrl } : {}),
    });
  }
  await mkdir(config.dataDir, { recursive: true });
  return PgliteDatabase.open(path.join(config.dataDir, 'pglite'));
}

export async function createServices(
  config: CloudConfig,
  overrides: ServiceOverrides = {},
): Promise<CloudServices> {
  const db = overrides.db ?? (await openDatabase(config));
  try {
    const migrations = overrides.migrations ?? loadMigrations();
    await migrate(db, migrations);
    // The folder sync stores story assets in; made now so a read-only data folder fails at start.
    await mkdir(path.join(config.dataDir, 'assets'), { recursive: true });
    const secret =
      overrides.secret ??
      (config.secret
        ? ServiceSecret.fromBase64Url(config.secret)
        : await loadOrCreateServiceSecret(config.dataDir));
    const clock = overrides.clock ?? systemClock;
    return {
      config,
      db,
      migrations,
      clock,
      secret,
      passwords: new PasswordHasher(config.argon2),
      accessTokens: new AccessTokens(secret, clock, config.accessTokenTtlSeconds),
      refreshTokens: new RefreshTokens(db, clock, config.refreshTokenTtlSeconds),
      invitationTokens: new InvitationTokens(secret, clock),
      lockout: new LoginLockout(db, secret, clock, config.lockout),
      idTokens: new IdTokenVerifier(config.oidc, clock),
      memberships: new MembershipCache(clock),
    };
  } catch (error) {
    if (!overrides.db) await db.close();
    throw error;
  }
}
