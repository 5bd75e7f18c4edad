// What every domain plugin can reach, as `app.cloud` (decorated on the root instance before any
// plugin registers, so every plugin sees the same one).
import type { AccessTokens } from '../auth/access-tokens.js';
import type { Clock } from '../auth/clock.js';
import type { IdTokenVerifier } from '../auth/id-token-verifier.js';
import type { InvitationTokens } from '../auth/invitation-tokens.js';
import type { LoginLockout } from '../auth/login-lockout.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { RefreshTokens } from '../auth/refresh-tokens.js';
import type { ServiceSecret } from '../auth/service-secret.js';
import type { CloudDatabase } from '../db/database.js';
import type { Migration } from '../db/migrations.js';
import type { CloudConfig } from './config.js';
import type { MembershipCache } from './membership-cache.js';

export interface CloudServices {
  config: CloudConfig;
  db: CloudDatabase;
  /** The migrations this build knows; readiness compares them with the database. */
  migrations: Migration[];
  clock: Clock;
  secret: ServiceSecret;
  passwords: PasswordHasher;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  invitationTokens: InvitationTokens;
  lockout: LoginLockout;
  idTokens: IdTokenVerifier;
  /** Profiles predicted for GET requests, checked by the database in each transaction. */
  memberships: MembershipCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    cloud: CloudServices;
  }
}
