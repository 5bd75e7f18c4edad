// Tenant policies: quotas and feature flags, read and set by admins.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { auditPolicyChange } from '../audit/audit-hooks.js';
import { isPolicyKey, POLICY_KEYS, type PolicyKey } from './policy-keys.js';
import { deletePolicy, readAllPolicies, readPolicy, writePolicy } from './policy-store.js';

const policySchema = z.object({
  key: z.string(),
  value: z.unknown(),
  isDefault: z.boolean(),
  description: z.string(),
});
const keyParams = z.object({ key: z.string().max(64) });

function knownKey(key: string): PolicyKey {
  if (!isPolicyKey(key)) throw new NotFoundError(`There is no policy "${key}".`);
  return key;
}

export const policiesPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'policies.read',
    summary: 'Every policy with the tenant’s value or the default.',
    response: z.object({ policies: z.array(policySchema) }),
    handler: async ({ tx, auth }) => {
      const stored = await readAllPolicies(tx, auth.tenantId);
      return {
        policies: (Object.keys(POLICY_KEYS) as PolicyKey[]).map((key) => {
          const spec = POLICY_KEYS[key];
          const parsed = spec.schema.safeParse(stored.get(key));
          return {
            key,
            value: parsed.success ? parsed.data : spec.default,
            isDefault: !parsed.success,
            description: spec.description,
          };
        }),
      };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/:key',
    permission: 'policies.manage',
    summary: 'Set one policy for the tenant.',
    params: keyParams,
    body: z.object({ value: z.unknown() }),
    response: policySchema,
    errors: [404],
    handler: async ({ tx, auth, params, body, services }) => {
      const key = knownKey(params.key);
      const spec = POLICY_KEYS[key];
      const parsed = spec.schema.safeParse(body.value);
      if (!parsed.success) {
        throw new BadRequestError(
          `Policy "${key}" (${spec.description}) cannot be ${JSON.stringify(body.value)?.slice(0, 40)}.`,
        );
      }
      await writePolicy(tx, auth.tenantId, key, parsed.data, services.clock());
      await auditPolicyChange(tx, auth, key, parsed.data, services.clock());
      return { key, value: parsed.data, isDefault: false, description: spec.description };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/:key',
    permission: 'policies.manage',
    summary: 'Return one policy to its default.',
    params: keyParams,
    response: policySchema,
    errors: [404],
    handler: async ({ tx, auth, params, services }) => {
      const key = knownKey(params.key);
      if (await deletePolicy(tx, auth.tenantId, key))
        await auditPolicyChange(tx, auth, key, undefined, services.clock());
      const value = await readPolicy(tx, auth.tenantId, key);
      return { key, value, isDefault: true, description: POLICY_KEYS[key].description };
    },
  });
};
