// Library sync routes: push batched changes (idempotent by client op id), pull since a cursor,
// and content-addressed assets. Permissions reuse stories.read / stories.write: syncing is
// reading and writing the tenant's stories from a device.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../db/database.js';
import { BadRequestError, NotFoundError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { readPolicy } from '../policies/policy-store.js';
import type { AssetStore } from './asset-store.js';
import { assetStoreFromEnv } from './asset-store-from-env.js';
import { pullSince, SyncDisabledError } from './change-log.js';
import { pushChanges } from './push-changes.js';
import { acceptRawBodies } from './raw-body-parser.js';
import { changeResultSchema, pullQuery, pullResponse, pushBody, SHA256 } from './sync-schemas.js';

export const DEFAULT_ASSET_LIMIT_BYTES = 50 * 1024 * 1024;
/** A push carries whole story bodies, often more than the service's 64 KiB JSON default. */
export const DEFAULT_PUSH_LIMIT_BYTES = 8 * 1024 * 1024;

export interface SyncPluginOptions {
  /** Default: from CLOUD_S3_* variables, else <CLOUD_DATA_DIR>/assets. */
  assetStore?: AssetStore;
  /** Largest asset upload; default CLOUD_SYNC_ASSET_LIMIT or 50 MiB. */
  assetLimitBytes?: number;
  /** Largest JSON body (a push) on these routes; default CLOUD_SYNC_PUSH_LIMIT or 8 MiB. */
  pushLimitBytes?: number;
}

async function requireSyncOn(tx: Tx, tenantId: string): Promise<void> {
  if (!(await readPolicy(tx, tenantId, 'feature.sync'))) throw new SyncDisabledError();
}

const hashParams = z.object({ sha256: SHA256 });

export function makeSyncPlugin(options: SyncPluginOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const store = options.assetStore ?? assetStoreFromEnv(process.env, app.cloud.config.dataDir);
    const limit =
      options.assetLimitBytes ?? (Number(process.env.CLOUD_SYNC_ASSET_LIMIT) || DEFAULT_ASSET_LIMIT_BYTES);
    acceptRawBodies(app, limit);
    // Only inside this plugin: the same JSON parser as everywhere (prototype poisoning refused),
    // with a larger limit.
    app.addContentTypeParser(
      'application/json',
      {
        parseAs: 'string',
        bodyLimit:
          options.pushLimitBytes ?? (Number(process.env.CLOUD_SYNC_PUSH_LIMIT) || DEFAULT_PUSH_LIMIT_BYTES),
      },
      app.getDefaultJsonParser('error', 'error'),
    );

    defineRoute(app, {
      method: 'POST',
      url: '/push',
      permission: 'stories.write',
      summary: 'Apply a batch of story changes; a retried op id gets its first answer again.',
      body: pushBody,
      response: z.object({ results: z.array(changeResultSchema) }),
      handler: async ({ tx, auth, body, services }) => {
        await requireSyncOn(tx, auth.tenantId);
        const results = await pushChanges(
          {
            tx,
            tenantId: auth.tenantId,
            accountId: auth.accountId,
            deviceId: body.deviceId,
            now: services.clock(),
          },
          body.changes,
        );
        return { results };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/pull',
      permission: 'stories.read',
      summary: 'Stories changed since a cursor, each at its latest version, oldest change first.',
      query: pullQuery,
      response: pullResponse,
      handler: async ({ tx, auth, query }) => {
        return pullSince(tx, auth.tenantId, query.cursor, query.limit);
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/assets/missing',
      permission: 'stories.write',
      summary: 'Which of these asset hashes the server does not have yet (upload those).',
      body: z.object({ hashes: z.array(SHA256).max(1000) }),
      response: z.object({ missing: z.array(z.string()) }),
      handler: async ({ tx, auth, body }) => {
        const rows = await tx.rows<{ sha256: string }>(
          'SELECT sha256 FROM sync_assets WHERE tenant_id = $1 AND sha256 = ANY($2::text[])',
          [auth.tenantId, body.hashes],
        );
        const have = new Set(rows.map((r) => r.sha256));
        return { missing: [...new Set(body.hashes)].filter((h) => !have.has(h)) };
      },
    });

    defineRoute(app, {
      method: 'PUT',
      url: '/assets/:sha256',
      permission: 'stories.write',
      summary: 'Upload an asset (application/octet-stream); its SHA-256 must match the URL.',
      params: hashParams,
      response: z.object({ sha256: z.string(), size: z.number().int(), stored: z.boolean() }),
      errors: [413, 415],
      handler: async ({ tx, auth, params, request, services }) => {
        await requireSyncOn(tx, auth.tenantId);
        const data = request.body;
        if (!Buffer.isBuffer(data))
          throw new BadRequestError(
            'Send the file as raw bytes with Content-Type: application/octet-stream.',
          );
        const actual = createHash('sha256').update(data).digest('hex');
        if (actual !== params.sha256)
          throw new BadRequestError(
            `The file's SHA-256 is ${actual}, not ${params.sha256}: it was damaged on the way or the name is wrong.`,
            'hash_mismatch',
          );
        const inserted = await tx.execute(
          `INSERT INTO sync_assets (tenant_id, sha256, size, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, sha256) DO NOTHING`,
          [auth.tenantId, params.sha256, data.length, services.clock()],
        );
        // The row is inserted first but commits only after the bytes are stored: a failed store
        // rolls it back, so the database never names an asset that is not stored.
        if (inserted > 0) await store.put(auth.tenantId, params.sha256, data);
        return { sha256: params.sha256, size: data.length, stored: inserted > 0 };
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/assets/:sha256',
      permission: 'stories.read',
      summary: 'Download an asset by its SHA-256.',
      params: hashParams,
      errors: [404],
      handler: async ({ tx, auth, params, reply }) => {
        const known = await tx.maybeOne('SELECT 1 FROM sync_assets WHERE tenant_id = $1 AND sha256 = $2', [
          auth.tenantId,
          params.sha256,
        ]);
        const data = known ? await store.get(auth.tenantId, params.sha256) : null;
        if (!data) throw new NotFoundError('No such file.');
        void reply.header('content-type', 'application/octet-stream');
        void reply.header('cache-control', 'private, max-age=31536000, immutable');
        // Fastify sends a Buffer as it is, past the (empty) response schema.
        return data as never;
      },
    });
  };
}

export const syncPlugin: FastifyPluginAsync = makeSyncPlugin();
