// The permission profiles (auth/permission-profiles.json), for clients to show and choose from.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { PROFILES } from '../../auth/permission-profiles.js';
import { defineRoute } from '../../server/route.js';

export const profilesPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'profiles.read',
    summary: 'The permission profiles and what each allows.',
    response: z.object({
      profiles: z.array(
        z.object({ key: z.string(), label: z.string(), permissions: z.record(z.string(), z.boolean()) }),
      ),
    }),
    handler: async () => ({
      profiles: [...PROFILES.values()].map((p) => ({
        key: p.key,
        label: p.label,
        permissions: { ...p.permissions },
      })),
    }),
  });
};
