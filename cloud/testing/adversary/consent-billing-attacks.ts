// The consent, audit, billing and family-data domains' part of the adversarial run: a seeder
// that gives each tenant a child with a secret name and a consent (so an audit chain), and
// templates that reach for another tenant's child, consents, audit log, plan and data.
// Erasure is probed only with a guessed confirmation token, which must always fail: a real
// erasure would end the attacker's own tenant halfway through the run.
import { bearer } from '../test-app.js';
import type { AttackContext, AttackTemplate } from './attack-surfaces.js';
import type { Seeder } from './world.js';

const pick = (c: AttackContext, kind: string): string => c.random.pick(c.victim.idsOf(kind));

export const seedChildren: Seeder = async ({ app, tenant, random }) => {
  const headers = bearer(tenant.admin().session.accessToken);
  const name = `secret-child-${tenant.index}-${random.text(8)}`;
  const res = await app.inject({ method: 'POST', url: '/children', headers, payload: { displayName: name } });
  if (res.statusCode !== 201) throw new Error(`Seeding a child failed: ${res.statusCode} ${res.body}`);
  const { id } = res.json() as { id: string };
  const consent = await app.inject({
    method: 'PUT',
    url: `/children/${id}/consents/recording`,
    headers,
    payload: { granted: true },
  });
  if (consent.statusCode !== 200)
    throw new Error(`Seeding a consent failed: ${consent.statusCode} ${consent.body}`);
  tenant.addId('child', id);
  tenant.secrets.add(name);
};

export const CONSENT_BILLING_SURFACE: AttackTemplate[] = [
  {
    name: 'children.consents-victim',
    permission: 'consent.read',
    build: (c) => ({ method: 'GET', url: `/children/${pick(c, 'child')}/consents` }),
  },
  {
    name: 'children.grant-victim',
    permission: 'consent.manage',
    build: (c) => ({
      method: 'PUT',
      url: `/children/${pick(c, 'child')}/consents/cloud_sync`,
      body: { granted: c.random.chance(0.5), tenantId: c.victim.tenantId },
    }),
  },
  {
    name: 'children.list-smuggled',
    permission: 'children.read',
    build: (c) => ({ method: 'GET', url: '/children', query: { tenantId: c.victim.tenantId } }),
  },
  {
    name: 'audit.read-smuggled',
    permission: 'audit.read',
    build: (c) => ({ method: 'GET', url: '/audit', query: { tenant_id: c.victim.tenantId, after: '0' } }),
  },
  {
    name: 'audit.verify',
    permission: 'audit.read',
    build: () => ({ method: 'GET', url: '/audit/verify' }),
  },
  {
    name: 'billing.read-smuggled',
    permission: 'billing.read',
    build: (c) => ({ method: 'GET', url: '/billing', query: { tenantId: c.victim.tenantId } }),
  },
  {
    name: 'billing.forged-webhook',
    permission: 'public',
    build: (c) => ({
      method: 'POST',
      url: '/billing/webhook',
      body: {
        id: `evt_${c.random.text(12)}`,
        object: 'event',
        type: 'checkout.session.completed',
        data: {
          object: {
            mode: 'subscription',
            client_reference_id: c.victim.tenantId,
            metadata: { plan: 'school' },
          },
        },
      },
    }),
  },
  {
    name: 'family-data.erase-guessed-token',
    permission: 'data.erase',
    build: (c) => ({
      method: 'POST',
      url: '/family-data/erase',
      body: { confirmationToken: c.random.text(43) },
    }),
  },
];
