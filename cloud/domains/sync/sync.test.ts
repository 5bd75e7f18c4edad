// Sync through HTTP on PGlite and PostgreSQL: push/pull, idempotent retries, conflict copies,
// cursor order under concurrent pushes, assets by hash, and a child's recordings behind consent.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS } from '../../server/domains.js';
import { addMember, bearer, createTestApp, signUp, type TestSession } from '../../testing/test-app.js';
import {
  engineTitle,
  openTestDatabase,
  PG_AVAILABLE,
  type TestDatabase,
} from '../../testing/test-databases.js';
import { FilesystemAssetStore } from './filesystem-asset-store.js';
import { makeSyncPlugin } from './sync-plugin.js';

interface Result {
  opId: string;
  status: string;
  storyId: string;
  version?: number;
  conflictCopyId?: string;
  reason?: string;
  message?: string;
}
interface Pulled {
  changes: Array<{
    storyId: string;
    version: number;
    cursor: number;
    deleted: boolean;
    body: { title?: string } | null;
  }>;
  cursor: number;
  more: boolean;
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`sync ${engineTitle(engine)}`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    const assetsRoot = mkdtempSync(path.join(os.tmpdir(), 'talemo-sync-assets-'));
    const ASSET_LIMIT = 64 * 1024;

    beforeAll(async () => {
      t = await openTestDatabase(engine);
      const domains = DOMAINS.map((d) =>
        d.prefix === '/sync'
          ? {
              prefix: '/sync',
              plugin: makeSyncPlugin({
                assetStore: new FilesystemAssetStore(assetsRoot),
                assetLimitBytes: ASSET_LIMIT,
              }),
            }
          : d,
      );
      app = await createTestApp(t.db, { domains });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    const push = async (s: TestSession, deviceId: string, changes: object[]): Promise<Result[]> => {
      const res = await app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: bearer(s.accessToken),
        payload: { deviceId, changes },
      });
      if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
      return (res.json() as { results: Result[] }).results;
    };
    const pull = async (s: TestSession, cursor = 0, limit = 100): Promise<Pulled> => {
      const res = await app.inject({
        method: 'GET',
        url: `/sync/pull?cursor=${cursor}&limit=${limit}`,
        headers: bearer(s.accessToken),
      });
      if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
      return res.json() as Pulled;
    };
    const upload = (s: TestSession, data: Buffer, hash = sha(data)) =>
      app.inject({
        method: 'PUT',
        url: `/sync/assets/${hash}`,
        headers: { ...bearer(s.accessToken), 'content-type': 'application/octet-stream' },
        payload: data,
      });

    it('pushes, pulls since a cursor, and answers a retried op with its first answer', async () => {
      const admin = await signUp(app);
      const id = randomUUID();
      const [first] = await push(admin, 'laptop', [
        { opId: 'op-1', storyId: id, baseVersion: 0, body: { title: 'The Owl' } },
      ]);
      expect(first).toMatchObject({ status: 'applied', storyId: id, version: 1 });
      const again = await push(admin, 'laptop', [
        { opId: 'op-1', storyId: id, baseVersion: 0, body: { title: 'The Owl' } },
      ]);
      expect(again[0]).toMatchObject({ status: 'duplicate', storyId: id, version: 1 });
      // The same op id from another device is another op.
      const other = await push(admin, 'tablet', [
        { opId: 'op-1', storyId: id, baseVersion: 1, body: { title: 'The Wise Owl' } },
      ]);
      expect(other[0]).toMatchObject({ status: 'applied', version: 2 });

      const all = await pull(admin);
      expect(all.changes).toEqual([
        expect.objectContaining({ storyId: id, version: 2, deleted: false, body: { title: 'The Wise Owl' } }),
      ]);
      expect(await pull(admin, all.cursor)).toEqual({ changes: [], cursor: all.cursor, more: false });
      // The stories list (0005) sees the synced story under its title.
      const listed = await app.inject({
        method: 'GET',
        url: `/stories/${id}`,
        headers: bearer(admin.accessToken),
      });
      expect(listed.json()).toMatchObject({ title: 'The Wise Owl' });
    });

    it('keeps both versions of a story edited on two devices at once', async () => {
      const admin = await signUp(app);
      const parent = await addMember(app, admin, 'parent_creator');
      const id = randomUUID();
      await push(admin, 'a', [{ opId: 'create', storyId: id, baseVersion: 0, body: { title: 'Moon' } }]);
      const [mine] = await push(admin, 'a', [
        { opId: 'e1', storyId: id, baseVersion: 1, body: { title: 'Moon', text: 'A' } },
      ]);
      const [theirs] = await push(parent, 'b', [
        { opId: 'e2', storyId: id, baseVersion: 1, body: { title: 'Moon', text: 'B' } },
      ]);
      expect(mine).toMatchObject({ status: 'applied', version: 2 });
      expect(theirs).toMatchObject({ status: 'conflict', storyId: id, version: 2 });
      const copyId = theirs?.conflictCopyId ?? '';
      expect(copyId).not.toBe(id);

      const pulled = await pull(admin);
      const byId = new Map(pulled.changes.map((c) => [c.storyId, c]));
      expect(byId.get(id)?.body).toEqual({ title: 'Moon', text: 'A' });
      expect(byId.get(copyId)?.body).toEqual({ title: 'Moon (conflict copy)', text: 'B' });
      // A delete from an outdated version loses to the newer edit; nothing is removed.
      const [del] = await push(parent, 'b', [{ opId: 'd1', storyId: id, baseVersion: 1, deleted: true }]);
      expect(del).toMatchObject({ status: 'conflict', version: 2 });
      expect(del?.conflictCopyId).toBeUndefined();
      const [delOk] = await push(parent, 'b', [{ opId: 'd2', storyId: id, baseVersion: 2, deleted: true }]);
      expect(delOk).toMatchObject({ status: 'applied', version: 3 });
      const after = await pull(admin, pulled.cursor);
      expect(after.changes).toEqual([expect.objectContaining({ storyId: id, deleted: true, body: null })]);
    });

    it('hands out cursors in commit order, so paging through concurrent pushes misses nothing', async () => {
      const admin = await signUp(app);
      const ids = Array.from({ length: 24 }, () => randomUUID());
      await Promise.all(
        ids.map((storyId, i) =>
          push(admin, `dev-${i % 4}`, [
            { opId: `c-${i}`, storyId, baseVersion: 0, body: { title: `S${i}` } },
          ]),
        ),
      );
      const seen: number[] = [];
      let cursor = 0;
      for (;;) {
        const page = await pull(admin, cursor, 5);
        seen.push(...page.changes.map((c) => c.cursor));
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    });

    it('a tenant never sees another tenant’s stories, even under the same id', async () => {
      const a = await signUp(app);
      const b = await signUp(app);
      const id = randomUUID();
      await push(a, 'x', [{ opId: 'o', storyId: id, baseVersion: 0, body: { title: 'A secret' } }]);
      const [r] = await push(b, 'x', [{ opId: 'o', storyId: id, baseVersion: 0, body: { title: 'B own' } }]);
      expect(r).toMatchObject({ status: 'applied', version: 1 });
      expect((await pull(b)).changes.map((c) => c.body?.title)).toEqual(['B own']);
      expect((await pull(a)).changes.map((c) => c.body?.title)).toEqual(['A secret']);
    });

    it('stores assets once per tenant by verified hash, and serves them only to that tenant', async () => {
      const a = await signUp(app);
      const b = await signUp(app);
      const data = Buffer.from(`bytes of a recording ${randomUUID()}`);
      const hash = sha(data);
      const missing = await app.inject({
        method: 'POST',
        url: '/sync/assets/missing',
        headers: bearer(a.accessToken),
        payload: { hashes: [hash] },
      });
      expect(missing.json()).toEqual({ missing: [hash] });
      expect((await upload(a, data)).json()).toEqual({ sha256: hash, size: data.length, stored: true });
      expect((await upload(a, data)).json()).toMatchObject({ stored: false });
      const file = path.join(assetsRoot, a.tenantId, hash.slice(0, 2), hash);
      expect(readFileSync(file).equals(data)).toBe(true);

      const bad = await upload(a, Buffer.from('something else'), hash);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: 'hash_mismatch' });
      const big = await upload(a, Buffer.alloc(ASSET_LIMIT + 1, 7));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ error: 'asset_too_large' });

      const got = await app.inject({
        method: 'GET',
        url: `/sync/assets/${hash}`,
        headers: bearer(a.accessToken),
      });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(data)).toBe(true);
      const stolen = await app.inject({
        method: 'GET',
        url: `/sync/assets/${hash}`,
        headers: bearer(b.accessToken),
      });
      expect(stolen.statusCode).toBe(404);
      expect(existsSync(path.join(assetsRoot, b.tenantId))).toBe(false);

      // A change naming an asset the tenant has not uploaded is refused, and may be retried.
      const other = sha(Buffer.from(randomUUID()));
      const story = randomUUID();
      const [refused] = await push(a, 'x', [
        { opId: 'p', storyId: story, baseVersion: 0, body: { title: 'T' }, assets: [hash, other] },
      ]);
      expect(refused).toMatchObject({ status: 'rejected', reason: 'missing_assets' });
      expect(refused?.message).toContain(other);
      const [retried] = await push(a, 'x', [
        { opId: 'p', storyId: story, baseVersion: 0, body: { title: 'T' }, assets: [hash] },
      ]);
      expect(retried).toMatchObject({ status: 'applied', version: 1 });
    });

    it('refuses a child’s recording until the child has recording and cloud_sync consent', async () => {
      const admin = await signUp(app);
      const child = await app.inject({
        method: 'POST',
        url: '/children',
        headers: bearer(admin.accessToken),
        payload: { displayName: 'Robin' },
      });
      expect(child.statusCode).toBe(201);
      const childId = (child.json() as { id: string }).id;
      const voice = Buffer.from(`Robin's voice ${randomUUID()}`);
      expect((await upload(admin, voice)).statusCode).toBe(200);
      const change = {
        opId: 'rec',
        storyId: randomUUID(),
        baseVersion: 0,
        body: { title: 'Robin reads' },
        assets: [sha(voice)],
        recordings: [{ sha256: sha(voice), childId }],
      };
      const grant = (kind: string) =>
        app.inject({
          method: 'PUT',
          url: `/children/${childId}/consents/${kind}`,
          headers: bearer(admin.accessToken),
          payload: { granted: true },
        });
      const [none] = await push(admin, 'x', [change]);
      expect(none).toMatchObject({ status: 'rejected', reason: 'consent_required' });
      expect(none?.message).toContain('recorded');
      expect((await grant('recording')).statusCode).toBe(200);
      const [half] = await push(admin, 'x', [change]);
      expect(half).toMatchObject({ status: 'rejected', reason: 'consent_required' });
      expect(half?.message).toContain('cloud');
      expect((await grant('cloud_sync')).statusCode).toBe(200);
      expect((await push(admin, 'x', [change]))[0]).toMatchObject({ status: 'applied', version: 1 });
      const recorded = await t.db.transaction({ tenantId: admin.tenantId }, (tx) =>
        tx.rows<{ child_id: string; story_id: string }>('SELECT child_id, story_id FROM sync_recordings'),
      );
      expect(recorded).toEqual([{ child_id: childId, story_id: change.storyId }]);
      // A child of another tenant is no child here.
      const other = await signUp(app);
      const otherVoice = Buffer.from(`other ${randomUUID()}`);
      await upload(other, otherVoice);
      const [foreign] = await push(other, 'x', [
        {
          ...change,
          storyId: randomUUID(),
          assets: [sha(otherVoice)],
          recordings: [{ sha256: sha(otherVoice), childId }],
        },
      ]);
      expect(foreign).toMatchObject({ status: 'rejected', reason: 'consent_required' });
    });

    it('lets a kid pull but not push, and stops when the tenant turns sync off', async () => {
      const admin = await signUp(app);
      const kid = await addMember(app, admin, 'kids_listen_only');
      await push(admin, 'x', [
        { opId: 'o', storyId: randomUUID(), baseVersion: 0, body: { title: 'For Kid' } },
      ]);
      expect((await pull(kid)).changes).toHaveLength(1);
      const denied = await app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: bearer(kid.accessToken),
        payload: { deviceId: 'k', changes: [{ opId: 'o', storyId: randomUUID(), baseVersion: 0, body: {} }] },
      });
      expect(denied.statusCode).toBe(403);
      await app.inject({
        method: 'PUT',
        url: '/policies/feature.sync',
        headers: bearer(admin.accessToken),
        payload: { value: false },
      });
      const off = await app.inject({ method: 'GET', url: '/sync/pull', headers: bearer(kid.accessToken) });
      expect(off.statusCode).toBe(403);
      expect(off.json()).toMatchObject({ error: 'sync_disabled' });
    });

    it('accepts a push larger than the service-wide JSON limit (story bodies are big)', async () => {
      const admin = await signUp(app);
      const text = 'Once upon a time. '.repeat(12_000); // ≈ 216 KB, over the 64 KiB default
      const id = randomUUID();
      const [r] = await push(admin, 'x', [
        { opId: 'big', storyId: id, baseVersion: 0, body: { title: 'Long', text } },
      ]);
      expect(r).toMatchObject({ status: 'applied', version: 1 });
      expect((await pull(admin)).changes[0]?.body).toEqual({ title: 'Long', text });
    });

    it('rejects malformed changes with a message naming the problem', async () => {
      const admin = await signUp(app);
      const res = await app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: bearer(admin.accessToken),
        payload: {
          deviceId: 'x',
          changes: [
            { opId: 'o', storyId: randomUUID(), baseVersion: 0, body: { title: 'x' }, deleted: true },
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { message: string }).message).toContain('either a body or "deleted"');
    });
  });
}
