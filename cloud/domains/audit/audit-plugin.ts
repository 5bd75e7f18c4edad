// The audit log, read and verified by admins. Mounted at /audit.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../server/route.js';
import { readAudit, verifyAudit } from './audit-log.js';

const entrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'audit.read',
    summary: 'Audit entries after a sequence number, oldest first.',
    query: z.object({
      after: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.object({ entries: z.array(entrySchema) }),
    handler: async ({ tx, auth, query }) => {
      const entries = await readAudit(tx, auth.tenantId, query.after, query.limit);
      return {
        entries: entries.map((e) => ({
          seq: e.seq,
          at: e.at.toISOString(),
          actorId: e.actorId,
          action: e.action,
          subject: e.subject,
          details: e.details as Record<string, unknown>,
          prevHash: e.prevHash,
          hash: e.hash,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/verify',
    permission: 'audit.read',
    summary: 'Recompute the tenant’s hash chain and report the first broken link.',
    response: z.object({
      ok: z.boolean(),
      entries: z.number().int(),
      head: z.string().nullable(),
      firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
    }),
    handler: async ({ tx, auth }) => verifyAudit(tx, auth.tenantId),
  });
};
