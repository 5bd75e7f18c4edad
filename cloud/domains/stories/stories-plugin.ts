// Story metadata, the small tenant-scoped resource the sync domain builds on. Ids are made by
// clients (a story exists offline before it is synced), so PUT creates or renames.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../db/database.js';
import { ForbiddenError, NotFoundError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { consumeCreation } from '../billing/creation-quota.js';
import { readPolicy } from '../policies/policy-store.js';

export const storySchema = z.object({ id: z.uuid(), title: z.string(), updatedAt: z.string() });
const idParams = z.object({ id: z.uuid() });

interface StoryRow {
  id: string;
  title: string;
  updated_at: Date;
}

function toStory(row: StoryRow): z.input<typeof storySchema> {
  return { id: row.id, title: row.title, updatedAt: row.updated_at.toISOString() };
}

async function checkQuota(tx: Tx, tenantId: string): Promise<void> {
  const quota = await readPolicy(tx, tenantId, 'quota.stories');
  const { n } = await tx.one<{ n: number }>('SELECT count(*)::int AS n FROM stories WHERE tenant_id = $1', [
    tenantId,
  ]);
  if (n >= quota)
    throw new ForbiddenError(
      `This family or school has reached its limit of ${quota} stories.`,
      'quota_reached',
    );
}

export const storiesPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'stories.read',
    summary: 'The tenant’s stories, oldest change first (for sync: pass updatedSince).',
    query: z.object({
      updatedSince: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: z.object({ stories: z.array(storySchema) }),
    handler: async ({ tx, auth, query }) => {
      const rows = await tx.rows<StoryRow>(
        `SELECT id, title, updated_at FROM stories
         WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR updated_at > $2::timestamptz)
         ORDER BY updated_at, id LIMIT $3`,
        [auth.tenantId, query.updatedSince ?? null, query.limit],
      );
      return { stories: rows.map(toStory) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/:id',
    permission: 'stories.read',
    summary: 'One story.',
    params: idParams,
    response: storySchema,
    errors: [404],
    handler: async ({ tx, auth, params }) => {
      const row = await tx.maybeOne<StoryRow>(
        'SELECT id, title, updated_at FROM stories WHERE tenant_id = $1 AND id = $2',
        [auth.tenantId, params.id],
      );
      if (!row) throw new NotFoundError('No such story.');
      return toStory(row);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/:id',
    permission: 'stories.write',
    summary: 'Create a story with this id, or rename it.',
    params: idParams,
    body: z.object({ title: z.string().trim().min(1).max(200) }),
    response: storySchema,
    handler: async ({ tx, auth, params, body, services }) => {
      const exists = await tx.maybeOne('SELECT 1 FROM stories WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [
        auth.tenantId,
        params.id,
      ]);
      if (!exists) {
        await checkQuota(tx, auth.tenantId);
        await consumeCreation(tx, services, auth.tenantId);
      }
      const row = await tx.one<StoryRow>(
        `INSERT INTO stories (tenant_id, id, title, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, updated_at = EXCLUDED.updated_at
         RETURNING id, title, updated_at`,
        [auth.tenantId, params.id, body.title, services.clock()],
      );
      return toStory(row);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/:id',
    permission: 'stories.write',
    summary: 'Delete a story.',
    params: idParams,
    status: 204,
    errors: [404],
    handler: async ({ tx, auth, params }) => {
      const n = await tx.execute('DELETE FROM stories WHERE tenant_id = $1 AND id = $2', [
        auth.tenantId,
        params.id,
      ]);
      if (n === 0) throw new NotFoundError('No such story.');
    },
  });
};
