// Children and their parents' consents. Mounted at /children.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { CONSENT_KINDS } from './consent-kinds.js';
import {
  addChild,
  childExists,
  consentHistory,
  currentConsents,
  listChildren,
  recordConsent,
} from './consent-store.js';

const childSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  birthYear: z.number().int().nullable(),
  createdAt: z.string(),
});
const recordSchema = z.object({
  kind: z.enum(CONSENT_KINDS),
  granted: z.boolean(),
  decidedBy: z.uuid(),
  recordedAt: z.string(),
});
const childParams = z.object({ id: z.uuid() });

export const consentPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'POST',
    url: '',
    permission: 'children.manage',
    summary: 'Add a child to the family or school.',
    status: 201,
    body: z.object({
      displayName: z.string().trim().min(1).max(80),
      birthYear: z.number().int().min(1990).max(2200).nullable().default(null),
    }),
    response: childSchema,
    handler: async ({ tx, auth, body, services }) => addChild(tx, auth.tenantId, body, services.clock()),
  });

  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'children.read',
    summary: 'The children of the family or school.',
    response: z.object({ children: z.array(childSchema) }),
    handler: async ({ tx, auth }) => ({ children: await listChildren(tx, auth.tenantId) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/:id/consents',
    permission: 'consent.read',
    summary: 'A child’s current consents (the latest decision per kind) and their full history.',
    description: 'A kind never decided is not granted.',
    params: childParams,
    response: z.object({
      childId: z.uuid(),
      granted: z.array(z.enum(CONSENT_KINDS)),
      current: z.array(recordSchema),
      history: z.array(recordSchema),
    }),
    errors: [404],
    handler: async ({ tx, auth, params }) => {
      if (!(await childExists(tx, auth.tenantId, params.id))) throw new NotFoundError('No such child.');
      const current = await currentConsents(tx, auth.tenantId, params.id);
      return {
        childId: params.id,
        granted: current.filter((c) => c.granted).map((c) => c.kind),
        current,
        history: await consentHistory(tx, auth.tenantId, params.id),
      };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/:id/consents/:kind',
    permission: 'consent.manage',
    summary: 'Grant or revoke one consent for a child (a new record; history is kept).',
    params: z.object({ id: z.uuid(), kind: z.enum(CONSENT_KINDS) }),
    body: z.object({ granted: z.boolean() }),
    response: recordSchema,
    errors: [404],
    handler: async ({ tx, auth, params, body, services }) => {
      if (!(await childExists(tx, auth.tenantId, params.id))) throw new NotFoundError('No such child.');
      return recordConsent(
        tx,
        {
          tenantId: auth.tenantId,
          childId: params.id,
          kind: params.kind,
          granted: body.granted,
          decidedBy: auth.accountId,
        },
        services.clock(),
      );
    },
  });
};
