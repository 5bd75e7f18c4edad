// Export and erasure of all of a tenant's data. Mounted at /family-data.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../server/route.js';
import type { AssetStore } from '../sync/asset-store.js';
import { assetStoreFromEnv } from '../sync/asset-store-from-env.js';
import { eraseTenant, eraseTenantFiles, requestErasure } from './family-erase.js';
import { exportTenant } from './family-export.js';

export interface FamilyDataOptions {
  /** Where sync keeps asset bytes; the same default as sync's (env, else <data>/assets). */
  assetStore?: AssetStore;
}

export function createFamilyDataPlugin(options: FamilyDataOptions = {}): FastifyPluginAsync {
  return async (app) => {
    const assets = options.assetStore ?? assetStoreFromEnv(process.env, app.cloud.config.dataDir);

    defineRoute(app, {
      method: 'GET',
      url: '/export',
      permission: 'data.export',
      summary: 'Download all of the tenant’s data as a zip (tables as JSON, members, audit, assets).',
      handler: async ({ tx, auth, reply, services }) => {
        const now = services.clock();
        const { zip } = await exportTenant(tx, auth.tenantId, assets, now);
        const day = now.toISOString().slice(0, 10);
        void reply.header('content-type', 'application/zip');
        void reply.header('content-disposition', `attachment; filename="talemo-export-${day}.zip"`);
        void reply.header('cache-control', 'no-store');
        // Bytes, not JSON: fastify sends a Buffer as it is.
        return zip as never;
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/erasure',
      permission: 'data.erase',
      summary: 'Ask to erase the tenant: returns a confirmation token valid for 15 minutes.',
      status: 201,
      response: z.object({ confirmationToken: z.string(), expiresAt: z.string() }),
      handler: async ({ tx, auth, services }) => {
        const { confirmationToken, expiresAt } = await requestErasure(
          tx,
          auth.tenantId,
          auth.accountId,
          services.clock(),
        );
        return { confirmationToken, expiresAt: expiresAt.toISOString() };
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: '/erase',
      permission: 'data.erase',
      summary: 'Erase the tenant and all of its data, with the confirmation token. Cannot be undone.',
      body: z.object({ confirmationToken: z.string().min(1).max(200) }),
      response: z.object({
        tenantId: z.uuid(),
        erasedAt: z.string(),
        auditEntries: z.number().int(),
        auditHead: z.string().nullable(),
        rowCounts: z.record(z.string(), z.number().int()),
      }),
      handler: async ({ tx, auth, body, services }) => {
        const tombstone = await eraseTenant(tx, auth.tenantId, body.confirmationToken, services.clock());
        // Before commit: if removing the files fails, the rows stay and the erasure can be retried.
        await eraseTenantFiles(services.config.dataDir, auth.tenantId);
        // Predictions would be refused by the database anyway; forgetting spares the retry.
        services.memberships.forgetTenant(auth.tenantId);
        return tombstone;
      },
    });
  };
}

export const familyDataPlugin: FastifyPluginAsync = (app, options) => createFamilyDataPlugin()(app, options);
