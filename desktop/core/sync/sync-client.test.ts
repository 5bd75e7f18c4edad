// End to end against the real cloud server (fastify on PGlite, listening on a port): two
// computers of one family editing the same story, a server that is down and comes back, and a
// push whose answer is lost on the way.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServiceSecret } from '../../../cloud/auth/service-secret.js';
import type { CloudDatabase } from '../../../cloud/db/database.js';
import { FilesystemAssetStore } from '../../../cloud/domains/sync/filesystem-asset-store.js';
import { makeSyncPlugin } from '../../../cloud/domains/sync/sync-plugin.js';
import { DOMAINS } from '../../../cloud/server/domains.js';
import {
  addMember,
  bearer,
  createTestApp,
  signUp,
  type TestSession,
} from '../../../cloud/testing/test-app.js';
import { openPgliteTestDatabase, type TestDatabase } from '../../../cloud/testing/test-databases.js';
import { SyncClient, type SyncClientOptions, type SyncConflict, type SyncStatus } from './sync-client.js';
import type { PulledStory } from './sync-wire.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'talemo-sync-client-'));
const secret = ServiceSecret.generate();
const assetsRoot = path.join(tmp, 'server-assets');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function startCloud(db: CloudDatabase, port = 0): Promise<{ app: FastifyInstance; url: string }> {
  const domains = DOMAINS.map((d) =>
    d.prefix === '/sync'
      ? { prefix: '/sync', plugin: makeSyncPlugin({ assetStore: new FilesystemAssetStore(assetsRoot) }) }
      : d,
  );
  const app = await createTestApp(db, { secret, domains });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address() as net.AddressInfo;
  return { app, url: `http://127.0.0.1:${address.port}` };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A computer: its own library file, a client, and what it has pulled so far. */
function computer(
  url: string,
  session: TestSession,
  extra: Partial<SyncClientOptions> = {},
  file = `${randomUUID()}.sqlite`,
) {
  const db = new Database(path.join(tmp, file));
  const assets = new Map<string, Buffer>();
  const seen = new Map<string, PulledStory>();
  const conflicts: SyncConflict[] = [];
  const client = new SyncClient({
    db,
    baseUrl: url,
    token: () => session.accessToken,
    readAsset: async (hash) => {
      const data = assets.get(hash);
      if (!data) throw new Error(`no asset ${hash}`);
      return data;
    },
    onPulled: (stories) => {
      for (const s of stories) seen.set(s.storyId, s);
    },
    ...extra,
  });
  client.on('conflict', (c) => conflicts.push(c));
  return { db, client, assets, seen, conflicts };
}

describe('desktop sync client against the cloud on PGlite', () => {
  let t: TestDatabase;
  let cloud: { app: FastifyInstance; url: string };

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    cloud = await startCloud(t.db);
  }, 60_000);
  afterAll(async () => {
    await cloud?.app.close();
    await t?.dispose();
  });

  const serverStories = async (s: TestSession) =>
    (
      (
        await cloud.app.inject({ method: 'GET', url: '/sync/pull?limit=500', headers: bearer(s.accessToken) })
      ).json() as {
        changes: PulledStory[];
      }
    ).changes;

  it('two computers of one family edit the same story at once: both versions survive', async () => {
    const admin = await signUp(cloud.app);
    const parent = await addMember(cloud.app, admin, 'parent_creator');
    const a = computer(cloud.url, admin);
    const b = computer(cloud.url, parent);
    const id = randomUUID();
    const cover = Buffer.from(`cover art ${randomUUID()}`);
    a.assets.set(sha(cover), cover);
    a.client.enqueue({ storyId: id, body: { title: 'Dragon', text: 'once' }, assets: [sha(cover)] });
    await a.client.syncOnce();
    expect(a.client.status).toMatchObject({ state: 'idle', queued: 0, message: null });
    expect(a.client.status.lastSyncedAt).not.toBeNull();
    await b.client.syncOnce();
    expect(b.seen.get(id)?.body).toEqual({ title: 'Dragon', text: 'once' });

    a.client.enqueue({ storyId: id, body: { title: 'Dragon', text: 'edited on A' }, assets: [sha(cover)] });
    b.client.enqueue({ storyId: id, body: { title: 'Dragon', text: 'edited on B' } });
    await Promise.all([a.client.syncOnce(), b.client.syncOnce()]);
    await Promise.all([a.client.syncOnce(), b.client.syncOnce()]);

    const texts = (await serverStories(admin)).map((s) => s.body?.text).sort();
    expect(texts).toEqual(['edited on A', 'edited on B']);
    const conflicts = [...a.conflicts, ...b.conflicts];
    expect(conflicts).toHaveLength(1);
    const copyId = conflicts[0]?.copyId ?? '';
    for (const c of [a, b]) {
      expect(c.client.status).toMatchObject({ state: 'idle', queued: 0 });
      expect(c.seen.get(copyId)?.body?.title).toBe('Dragon (conflict copy)');
      expect(new Set([c.seen.get(id)?.body?.text, c.seen.get(copyId)?.body?.text])).toEqual(
        new Set(['edited on A', 'edited on B']),
      );
    }
    // Further edits of the losing computer continue on its copy rather than making more copies.
    const loser = a.conflicts.length === 1 ? a : b;
    loser.client.enqueue({ storyId: copyId, body: { title: 'Dragon (mine)', text: 'more' } });
    await loser.client.syncOnce();
    expect((await serverStories(admin)).filter((s) => s.storyId === copyId)).toEqual([
      expect.objectContaining({ version: 2, body: { title: 'Dragon (mine)', text: 'more' } }),
    ]);
  });

  it('queues changes while the server is down, on disk, and sends them in the background when it is back', async () => {
    const admin = await signUp(cloud.app);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const file = `${randomUUID()}.sqlite`;
    const first = computer(url, admin, {}, file);
    first.client.enqueue({ storyId: randomUUID(), body: { title: 'Offline one' } });
    first.client.enqueue({ storyId: randomUUID(), body: { title: 'Offline two' } });
    await first.client.syncOnce();
    expect(first.client.status).toMatchObject({ state: 'offline', queued: 2 });
    expect(first.client.status.message).toContain('cannot be reached');
    first.db.close();

    // The app restarts: the queue is still there.
    const pc = computer(url, admin, { intervalMs: 50, backoffMs: 10, maxBackoffMs: 80 }, file);
    expect(pc.client.status.queued).toBe(2);
    const states: SyncStatus['state'][] = [];
    pc.client.on('status', (s) => states.push(s.state));
    pc.client.start();
    await vi.waitFor(() => expect(states.filter((s) => s === 'offline').length).toBeGreaterThanOrEqual(2), {
      timeout: 5000,
    });

    const back = await startCloud(t.db, port);
    try {
      await vi.waitFor(() => expect(pc.client.status).toMatchObject({ state: 'idle', queued: 0 }), {
        timeout: 5000,
      });
      await pc.client.stop();
      expect((await serverStories(admin)).map((s) => s.body?.title).sort()).toEqual([
        'Offline one',
        'Offline two',
      ]);
      expect([...pc.seen.values()].map((s) => s.body?.title).sort()).toEqual(['Offline one', 'Offline two']);
    } finally {
      await pc.client.stop();
      await back.app.close();
    }
  });

  it('a push whose answer was lost is retried without applying it twice', async () => {
    const admin = await signUp(cloud.app);
    let dropped = 0;
    // Stands in for a network that delivers the request and loses the answer.
    const answerLosingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (dropped === 0 && String(input).endsWith('/sync/push')) {
        dropped += 1;
        await res.arrayBuffer();
        throw new TypeError('socket hang up');
      }
      return res;
    };
    const c = computer(cloud.url, admin, { fetch: answerLosingFetch });
    const id = randomUUID();
    c.client.enqueue({ storyId: id, body: { title: 'Only once' } });
    await c.client.syncOnce();
    expect(dropped).toBe(1);
    expect(c.client.status).toMatchObject({ state: 'offline', queued: 1 });
    await c.client.syncOnce();
    expect(c.client.status).toMatchObject({ state: 'idle', queued: 0 });
    expect(c.conflicts).toEqual([]);
    expect(await serverStories(admin)).toEqual([expect.objectContaining({ storyId: id, version: 1 })]);
    // And the next edit builds on version 1.
    c.client.enqueue({ storyId: id, body: { title: 'Only once, edited' } });
    await c.client.syncOnce();
    expect(await serverStories(admin)).toEqual([expect.objectContaining({ storyId: id, version: 2 })]);
  });

  it('keeps a child’s recording queued, with the server’s reason, until consent is given', async () => {
    const admin = await signUp(cloud.app);
    const child = await cloud.app.inject({
      method: 'POST',
      url: '/children',
      headers: bearer(admin.accessToken),
      payload: { displayName: 'Sam' },
    });
    const childId = (child.json() as { id: string }).id;
    const c = computer(cloud.url, admin);
    const voice = Buffer.from(`Sam sings ${randomUUID()}`);
    c.assets.set(sha(voice), voice);
    c.client.enqueue({
      storyId: randomUUID(),
      body: { title: 'Sam sings' },
      assets: [sha(voice)],
      recordings: [{ sha256: sha(voice), childId }],
    });
    await c.client.syncOnce();
    expect(c.client.status).toMatchObject({ state: 'idle', queued: 1 });
    expect(c.client.status.message).toContain('recorded');
    for (const kind of ['recording', 'cloud_sync'])
      await cloud.app.inject({
        method: 'PUT',
        url: `/children/${childId}/consents/${kind}`,
        headers: bearer(admin.accessToken),
        payload: { granted: true },
      });
    await c.client.syncOnce();
    expect(c.client.status).toMatchObject({ state: 'idle', queued: 0, message: null });
  });

  it('splits pushes by size and keeps a story’s queued edits in order', async () => {
    const admin = await signUp(cloud.app);
    const c = computer(cloud.url, admin, { batchBytes: 1 });
    const ids = [randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      c.client.enqueue({ storyId: id, body: { title: `Story ${i}`, text: 'first' } });
      c.client.enqueue({ storyId: id, body: { title: `Story ${i}`, text: 'second' } });
    }
    await c.client.syncOnce();
    expect(c.client.status).toMatchObject({ state: 'idle', queued: 0 });
    expect(c.conflicts).toEqual([]);
    const stories = await serverStories(admin);
    expect(stories.map((s) => [s.version, s.body?.text])).toEqual([
      [2, 'second'],
      [2, 'second'],
    ]);
  });

  it('refuses a change that is neither a body nor a delete', () => {
    const c = computer(cloud.url, { accessToken: 'x' } as TestSession);
    expect(() => c.client.enqueue({ storyId: randomUUID() })).toThrow(/either a story body or deleted/);
  });
});
