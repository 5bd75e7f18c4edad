// A session is what every sign-in route answers: a short access token and a one-time refresh
// token for one tenant.
import { z } from 'zod';
import type { Tx } from '../../db/database.js';
import type { CloudServices } from '../../server/services.js';

export const sessionSchema = z.object({
  tokenType: z.literal('Bearer'),
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
  accountId: z.uuid(),
  tenantId: z.uuid(),
  profile: z.string(),
});

export type Session = z.infer<typeof sessionSchema>;

/**
 * Starts a session (a new refresh-token family) inside `tx`, whose scope must include
 * `accountId` (the refresh token row is the account's own).
 */
export async function startSession(
  services: CloudServices,
  tx: Tx,
  accountId: string,
  tenantId: string,
  profile: string,
): Promise<Session> {
  const refresh = await services.refreshTokens.issue(tx, accountId, tenantId);
  return sessionFrom(services, accountId, tenantId, profile, refresh);
}

export async function sessionFrom(
  services: CloudServices,
  accountId: string,
  tenantId: string,
  profile: string,
  refresh: { token: string; expiresAt: Date },
): Promise<Session> {
  const access = await services.accessTokens.issue({ accountId, tenantId, profile });
  return {
    tokenType: 'Bearer',
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
    accountId,
    tenantId,
    profile,
  };
}
