// The sync domain's part of the adversarial run: a seeder that gives each tenant synced stories
// and an uploaded asset, and templates that try to reach them from another tenant (its cursor,
// its story ids in a push, its asset hashes).
//
// Asset hashes are kept out of TenantWorld's ids on purpose: the runner's twin swaps every id for
// a random UUID, and a UUID in place of a SHA-256 is a 400 where a real hash is a 404, a
// difference that reveals nothing. They are still secrets, so any answer carrying one (or the
// asset's bytes) to another tenant is a leak.
import { createHash } from 'node:crypto';
import { bearer } from '../test-app.js';
import type { AttackContext, AttackTemplate } from './attack-surfaces.js';
import type { Seeder, TenantWorld } from './world.js';

const assetHashes = new WeakMap<TenantWorld, string[]>();

function victimHash(c: AttackContext): string {
  return c.random.pick(assetHashes.get(c.victim) ?? ['0'.repeat(64)]);
}

export const seedSync: Seeder = async ({ app, tenant, random }) => {
  const headers = bearer(tenant.admin().session.accessToken);
  const content = `secret-voice-${tenant.index}-${random.text(16)}`;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const upload = await app.inject({
    method: 'PUT',
    url: `/sync/assets/${sha256}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(content),
  });
  if (upload.statusCode !== 200)
    throw new Error(`Seeding an asset failed: ${upload.statusCode} ${upload.body}`);
  assetHashes.set(tenant, [sha256]);
  tenant.secrets.add(content);
  tenant.secrets.add(sha256);

  const changes = [0, 1, 2].map((k) => ({
    opId: `seed-${k}`,
    storyId: random.uuid(),
    baseVersion: 0,
    body: {
      title: `secret-synced-${tenant.index}-${k}-${random.text(10)}`,
      text: `secret-text-${random.text(12)}`,
    },
    assets: [sha256],
  }));
  const push = await app.inject({
    method: 'POST',
    url: '/sync/push',
    headers,
    payload: { deviceId: 'seed', changes },
  });
  if (push.statusCode !== 200)
    throw new Error(`Seeding synced stories failed: ${push.statusCode} ${push.body}`);
  for (const change of changes) {
    tenant.addId('story', change.storyId);
    tenant.secrets.add(change.body.title);
    tenant.secrets.add(change.body.text);
  }
};

export const SYNC_SURFACE: AttackTemplate[] = [
  {
    name: 'sync.pull-any-cursor',
    permission: 'stories.read',
    build: (c) => ({
      method: 'GET',
      url: '/sync/pull',
      query: { cursor: String(c.random.int(8)), limit: '50', tenantId: c.victim.tenantId },
    }),
  },
  {
    name: 'sync.push-victim-story',
    permission: 'stories.write',
    build: (c) => {
      const storyId = c.random.pick(c.victim.idsOf('story'));
      return {
        method: 'POST',
        url: '/sync/push',
        body: {
          deviceId: 'adversary',
          tenantId: c.victim.tenantId,
          // The op id names the story so the twin (another id) is another op, not a duplicate.
          changes: [
            {
              opId: `op-${storyId}-${c.random.text(8)}`,
              storyId,
              baseVersion: c.random.int(3),
              ...(c.random.chance(0.2)
                ? { deleted: true }
                : { body: { title: `pwned-${c.random.text(6)}` } }),
            },
          ],
        },
      };
    },
  },
  {
    name: 'sync.get-victim-asset',
    permission: 'stories.read',
    build: (c) => ({ method: 'GET', url: `/sync/assets/${victimHash(c)}` }),
  },
  {
    name: 'sync.probe-victim-asset',
    permission: 'stories.write',
    build: (c) => ({ method: 'POST', url: '/sync/assets/missing', body: { hashes: [victimHash(c)] } }),
  },
];
