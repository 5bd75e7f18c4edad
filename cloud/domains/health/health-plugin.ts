// Liveness, readiness and the OpenAPI document. Health says the process answers; readiness
// says it can serve: the database answers and has every migration this build knows.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { migrationStatus } from '../../db/migrations.js';
import { HttpError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';

export const healthPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'GET',
    url: '/health',
    permission: 'public',
    summary: 'Liveness: the process is up.',
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/ready',
    permission: 'public',
    summary: 'Readiness: the database answers and all migrations are applied.',
    response: z.object({
      status: z.literal('ready'),
      engine: z.enum(['pglite', 'postgres']),
      migrations: z.number().int(),
    }),
    errors: [503],
    handler: async ({ services }) => {
      try {
        await services.db.ping();
      } catch {
        throw new HttpError(503, 'not_ready', 'The database is not reachable.');
      }
      const status = await migrationStatus(services.db, services.migrations);
      if (status.pending.length > 0) {
        throw new HttpError(
          503,
          'not_ready',
          `Database migrations ${status.pending.join(', ')} are not applied yet.`,
        );
      }
      return { status: 'ready' as const, engine: services.db.engine, migrations: status.applied.length };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/openapi.json',
    permission: 'public',
    summary: 'This API, as an OpenAPI 3 document generated from the route schemas.',
    response: z.record(z.string(), z.unknown()),
    handler: async () => app.swagger() as unknown as Record<string, unknown>,
  });
};
