// The sync service end to end: real library folders (SQLite + asset files) on two "laptops",
// the real cloud server (fastify on PGlite) listening on a port, real sign-in and token refresh.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServiceSecret } from '../../../cloud/auth/service-secret.js';
import type { CloudDatabase } from '../../../cloud/db/database.js';
import { FilesystemAssetStore } from '../../../cloud/domains/sync/filesystem-asset-store.js';
import { makeSyncPlugin } from '../../../cloud/domains/sync/sync-plugin.js';
import { DOMAINS } from '../../../cloud/server/domains.js';
import { ManualClock } from '../../../cloud/testing/manual-clock.js';
import { bearer, createTestApp, signUp, TEST_PASSWORD } from '../../../cloud/testing/test-app.js';
import { openPgliteTestDatabase, type TestDatabase } from '../../../cloud/testing/test-databases.js';
import { MENU_CONTROLS, type StoryGraph } from '../../../device-bridge/pack/story-graph.js';
import { openLibrary, type Library } from '../library/library.js';
import { NarrationStore } from '../narration/narration-store.js';
import type { StoryMeta } from '../story/story.js';
import type { AppliedStory } from './pulled-story-applier.js';
import { SIGN_IN_EXPIRED_MESSAGE, SyncAccountError } from './sync-errors.js';
import {
  SyncService,
  type ChildSyncConsent,
  type SyncServiceOptions,
  type SyncServiceStatus,
} from './sync-service.js';
import type { PulledStory } from './sync-wire.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'talemo-sync-service-'));
const secret = ServiceSecret.generate();
const assetsRoot = path.join(tmp, 'server-assets');

interface Cloud {
  app: FastifyInstance;
  url: string;
}

async function startCloud(
  db: CloudDatabase,
  options: { port?: number; clock?: ManualClock } = {},
): Promise<Cloud> {
  const domains = DOMAINS.map((d) =>
    d.prefix === '/sync'
      ? { prefix: '/sync', plugin: makeSyncPlugin({ assetStore: new FilesystemAssetStore(assetsRoot) }) }
      : d,
  );
  const app = await createTestApp(db, {
    secret,
    domains,
    ...(options.clock ? { clock: options.clock.clock } : {}),
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}` };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const META: StoryMeta = {
  title: 'Untitled',
  summary: '',
  language: 'en',
  ageRange: '4-6',
  tags: ['bedtime'],
  durationSec: 12,
  author: 'Test',
  aiGenerated: false,
  aiProvenance: null,
  moderation: 'unchecked',
  nightMode: false,
};

/** A one-page story with a cover picture and a narration file, both real files in the library. */
async function addStory(
  library: Library,
  title: string,
): Promise<{ id: string; image: string; audio: string }> {
  const image = await library.assets.putBytes(Buffer.from(`png of ${title} ${randomUUID()}`), 'image/png');
  const audio = await library.assets.putBytes(Buffer.from(`wav of ${title} ${randomUUID()}`), 'audio/wav');
  const graph: StoryGraph = {
    coverId: 'cover',
    stages: [
      {
        id: 'cover',
        name: 'Cover',
        text: `Once upon a time: ${title}`,
        image: { hash: image.hash, mime: 'image/png' },
        audio: { hash: audio.hash, mime: 'audio/wav' },
        controls: MENU_CONTROLS,
        ok: null,
        home: null,
        end: true,
      },
    ],
    actions: [],
  };
  const story = library.stories.insert({ ...META, title }, graph);
  return { id: story.id, image: image.hash, audio: audio.hash };
}

/** A laptop: a library folder and the sync service over it. */
function laptop(extra: Partial<SyncServiceOptions> = {}, dir = path.join(tmp, randomUUID())) {
  const library = openLibrary(dir);
  const applied: AppliedStory[] = [];
  const statuses: SyncServiceStatus[] = [];
  const service = new SyncService({
    library,
    childConsent: () => ({ recording: false, cloudSync: false }),
    ...extra,
  });
  service.on('applied', (a) => applied.push(a));
  service.on('status', (s) => statuses.push(s));
  return { dir, library, service, applied, statuses, sessionFile: path.join(dir, 'sync', 'session.json') };
}

const storedRefreshToken = (file: string): string =>
  (JSON.parse(readFileSync(file, 'utf8')) as { refreshToken: string }).refreshToken;

describe('SyncService against the cloud on PGlite', () => {
  let t: TestDatabase;
  let cloud: Cloud;

  beforeAll(async () => {
    t = await openPgliteTestDatabase();
    cloud = await startCloud(t.db);
  }, 60_000);
  afterAll(async () => {
    await cloud?.app.close();
    await t?.dispose();
  });

  const serverStory = async (accessToken: string, id: string): Promise<PulledStory | undefined> =>
    (
      (
        await cloud.app.inject({ method: 'GET', url: '/sync/pull?limit=500', headers: bearer(accessToken) })
      ).json() as {
        changes: PulledStory[];
      }
    ).changes.find((s) => s.storyId === id);

  const serverLacks = async (accessToken: string, hash: string): Promise<boolean> =>
    (
      (
        await cloud.app.inject({
          method: 'POST',
          url: '/sync/assets/missing',
          headers: bearer(accessToken),
          payload: { hashes: [hash] },
        })
      ).json() as { missing: string[] }
    ).missing.includes(hash);

  it('signs in, and a story edited on laptop A arrives on laptop B with its files; edits and deletes follow', async () => {
    const family = await signUp(cloud.app, { tenant: { kind: 'family', name: 'The Moons' } });
    const a = laptop();
    const b = laptop();
    const account = await a.service.signIn({
      serverUrl: `${cloud.url}/`,
      email: family.email,
      password: TEST_PASSWORD,
    });
    expect(account).toEqual({
      signedIn: true,
      serverUrl: cloud.url,
      email: family.email,
      tenantName: 'The Moons',
      profile: family.profile,
    });
    // The refresh token is on disk for this user only, the access token never is.
    expect(statSync(a.sessionFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(a.sessionFile, 'utf8')).not.toContain('accessToken');

    const story = await addStory(a.library, 'The sleepy dragon');
    a.service.storyChanged(story.id);
    expect(a.service.status()).toMatchObject({ state: 'idle', queued: 1 });
    expect(await a.service.syncNow()).toMatchObject({ state: 'idle', queued: 0, message: null });

    await b.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    expect((await b.service.syncNow()).state).toBe('idle');
    const arrived = b.library.stories.get(story.id);
    expect(arrived.title).toBe('The sleepy dragon');
    expect(arrived.tags).toEqual(['bedtime']);
    expect(arrived.graph).toEqual(a.library.stories.get(story.id).graph);
    for (const hash of [story.image, story.audio])
      expect((await b.library.assets.read(hash)).data).toEqual((await a.library.assets.read(hash)).data);
    expect(b.applied).toContainEqual({ storyId: story.id, kind: 'inserted' });
    expect(b.library.stories.search('dragon').map((h) => h.story.id)).toEqual([story.id]);

    const local = a.library.stories.get(story.id);
    a.library.stories.update(story.id, local.version, { title: 'The wide-awake dragon' });
    a.service.storyChanged(story.id);
    await a.service.syncNow();
    await b.service.syncNow();
    expect(b.library.stories.get(story.id).title).toBe('The wide-awake dragon');
    expect(b.applied).toContainEqual({ storyId: story.id, kind: 'updated' });

    a.library.stories.delete(story.id, a.library.stories.get(story.id).version);
    a.service.storyDeleted(story.id);
    await a.service.syncNow();
    await b.service.syncNow();
    expect(b.library.stories.ids()).toEqual([]);
    expect(b.applied).toContainEqual({ storyId: story.id, kind: 'deleted' });
  });

  it('finds stories changed while signed out, and keeps both edits of a story changed on two laptops at once', async () => {
    const family = await signUp(cloud.app);
    const a = laptop();
    const b = laptop();
    const older = await addStory(a.library, 'Written before sign-in');
    await a.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    await b.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    await a.service.syncNow();
    await b.service.syncNow();
    expect(b.library.stories.get(older.id).title).toBe('Written before sign-in');

    for (const [pc, title] of [
      [a, 'Edited on A'],
      [b, 'Edited on B'],
    ] as const) {
      pc.library.stories.update(older.id, pc.library.stories.get(older.id).version, { title });
      pc.service.storyChanged(older.id);
    }
    await a.service.syncNow();
    await b.service.syncNow();
    await a.service.syncNow();
    for (const pc of [a, b]) {
      const titles = pc.library.stories.list().map((s) => s.title);
      expect(titles.sort()).toEqual(['Edited on A', 'Edited on B (conflict copy)']);
      expect(pc.service.status()).toMatchObject({ state: 'idle', queued: 0 });
    }
  });

  it('syncs in the background once started: a save on A reaches B with nobody pressing sync', async () => {
    const family = await signUp(cloud.app);
    const fast = { client: { intervalMs: 50, backoffMs: 20, maxBackoffMs: 100 } };
    const a = laptop(fast);
    const b = laptop(fast);
    a.service.start();
    b.service.start();
    try {
      // Started before sign-in: the background sync begins with it.
      await a.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
      await b.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
      const story = await addStory(a.library, 'Sent by itself');
      a.service.storyChanged(story.id);
      await vi.waitFor(() => expect(b.library.stories.ids()).toEqual([story.id]), { timeout: 10_000 });
      expect(a.statuses.map((s) => s.state)).toContain('syncing');
    } finally {
      await a.service.stop();
      await b.service.stop();
    }
  });

  it('keeps queued changes across closing and reopening the library while the server is down', async () => {
    const family = await signUp(cloud.app);
    const port = await freePort();
    const first = await startCloud(t.db, { port });
    const dir = path.join(tmp, randomUUID());
    const a = laptop({}, dir);
    await a.service.signIn({ serverUrl: first.url, email: family.email, password: TEST_PASSWORD });
    await first.app.close();

    const story = await addStory(a.library, 'Written on the train');
    a.service.storyChanged(story.id);
    const offline = await a.service.syncNow();
    expect(offline).toMatchObject({ state: 'offline', queued: 1 });
    expect(offline.message).toContain('cannot be reached');
    await a.service.stop();
    a.library.close();

    // The app restarts: still signed in (the refresh token is on disk), the change still queued.
    const again = laptop({}, dir);
    expect(again.service.account()).toMatchObject({ signedIn: true, email: family.email });
    expect(again.service.status()).toMatchObject({ state: 'idle', queued: 1 });
    const back = await startCloud(t.db, { port });
    try {
      expect(await again.service.syncNow()).toMatchObject({ state: 'idle', queued: 0, message: null });
      expect((await serverStory(family.accessToken, story.id))?.body?.title).toBe('Written on the train');
    } finally {
      await again.service.stop();
      await back.app.close();
    }
  });

  it('leaves a child’s recording on the computer without consent, and syncs it once a parent agrees', async () => {
    const family = await signUp(cloud.app);
    const child = await cloud.app.inject({
      method: 'POST',
      url: '/children',
      headers: bearer(family.accessToken),
      payload: { displayName: 'Sam' },
    });
    const childId = (child.json() as { id: string }).id;
    // The cloud allows it: only the desktop's own consent decides what leaves the computer here.
    for (const kind of ['recording', 'cloud_sync'])
      await cloud.app.inject({
        method: 'PUT',
        url: `/children/${childId}/consents/${kind}`,
        headers: bearer(family.accessToken),
        payload: { granted: true },
      });
    const consents = new Map<string, ChildSyncConsent>();
    const childConsent = (id: string): ChildSyncConsent =>
      consents.get(id) ?? { recording: true, cloudSync: false };
    const a = laptop({ childConsent });
    const b = laptop({ childConsent });
    new NarrationStore(a.library.db).saveProfile({ id: childId, name: 'Sam', recordingConsent: true });
    const story = await addStory(a.library, 'Sam sings');
    new NarrationStore(a.library.db).recordNode(story.id, {
      nodeId: 'cover',
      source: 'recording',
      audioHash: story.audio,
      cacheKey: null,
      speaker: 'child',
      profileId: childId,
    });
    await a.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    const withheld = await a.service.syncNow();
    expect(withheld).toMatchObject({ state: 'idle', queued: 0 });
    expect(withheld.message).toContain('Sam’s recordings');
    // Said once (one sentence for the story), not once per round or per recording.
    await a.service.syncNow();
    expect(new Set(a.statuses.map((s) => s.message).filter((m) => m?.includes('Sam')))).toEqual(
      new Set([withheld.message]),
    );
    expect(await serverLacks(family.accessToken, story.audio)).toBe(true);
    expect(await serverLacks(family.accessToken, story.image)).toBe(false);
    const onServer = await serverStory(family.accessToken, story.id);
    expect((onServer?.body?.graph as StoryGraph).stages[0]?.audio).toBeNull();

    await b.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    await b.service.syncNow();
    expect(b.library.stories.get(story.id).graph.stages[0]?.audio).toBeNull();
    expect(b.library.assets.get(story.audio)).toBeNull();
    // B edits the story; when it comes back, A keeps the recording it never sent.
    b.library.stories.update(story.id, b.library.stories.get(story.id).version, { title: 'Sam sings loud' });
    b.service.storyChanged(story.id);
    await b.service.syncNow();
    await a.service.syncNow();
    expect(a.library.stories.get(story.id)).toMatchObject({ title: 'Sam sings loud' });
    expect(a.library.stories.get(story.id).graph.stages[0]?.audio?.hash).toBe(story.audio);
    expect(new NarrationStore(a.library.db).nodes(story.id).get('cover')).toMatchObject({ speaker: 'child' });
    expect(await serverLacks(family.accessToken, story.audio)).toBe(true);

    consents.set(childId, { recording: true, cloudSync: true });
    a.service.storyChanged(story.id);
    expect(await a.service.syncNow()).toMatchObject({ state: 'idle', queued: 0, message: null });
    expect(await serverLacks(family.accessToken, story.audio)).toBe(false);
    await b.service.syncNow();
    expect(b.library.stories.get(story.id).graph.stages[0]?.audio?.hash).toBe(story.audio);
    expect((await b.library.assets.read(story.audio)).data).toEqual(
      (await a.library.assets.read(story.audio)).data,
    );
  });

  it('signs out: the token file is gone and the refresh token is revoked at the server', async () => {
    const family = await signUp(cloud.app);
    const a = laptop();
    await a.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    const token = storedRefreshToken(a.sessionFile);
    await a.service.signOut();
    expect(existsSync(a.sessionFile)).toBe(false);
    expect(a.service.account()).toEqual({ signedIn: false, serverUrl: null, email: null });
    expect(a.service.status()).toMatchObject({ state: 'signed-out', message: null });
    const refresh = await cloud.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: token },
    });
    expect(refresh.statusCode).toBe(401);
    // Signed out, saves are not queued; the next sign-in finds them.
    const story = await addStory(a.library, 'Written while signed out');
    a.service.storyChanged(story.id);
    expect(a.service.status().queued).toBe(0);
    await a.service.signIn({ serverUrl: cloud.url, email: family.email, password: TEST_PASSWORD });
    await a.service.syncNow();
    expect((await serverStory(family.accessToken, story.id))?.body?.title).toBe('Written while signed out');
  });

  it('refuses a wrong password with the server’s sentence and stays signed out', async () => {
    const family = await signUp(cloud.app);
    const a = laptop();
    const attempt = a.service.signIn({
      serverUrl: cloud.url,
      email: family.email,
      password: 'not the password',
    });
    await expect(attempt).rejects.toBeInstanceOf(SyncAccountError);
    await expect(attempt).rejects.toThrow('The email or password is not right.');
    expect(a.service.account().signedIn).toBe(false);
    expect(existsSync(a.sessionFile)).toBe(false);
  });

  describe('with a server clock the test moves', () => {
    const serverClock = new ManualClock();
    let clocked: Cloud;
    let offsetMs = 0;
    const clock = (): Date => new Date(Date.now() + offsetMs);
    const seen = { refreshes: 0, unauthorized: 0 };
    // Counts what crosses the wire; the requests themselves go to the real server.
    const countingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/auth/refresh')) seen.refreshes += 1;
      if (res.status === 401) seen.unauthorized += 1;
      return res;
    };

    beforeAll(async () => {
      clocked = await startCloud(t.db, { clock: serverClock });
    });
    afterAll(async () => {
      await clocked?.app.close();
    });

    it('renews an access token the server calls expired, and one about to expire, without a word to the user', async () => {
      const family = await signUp(clocked.app);
      const a = laptop({ clock, fetch: countingFetch });
      await a.service.signIn({ serverUrl: clocked.url, email: family.email, password: TEST_PASSWORD });
      const firstToken = storedRefreshToken(a.sessionFile);
      seen.refreshes = 0;
      seen.unauthorized = 0;

      // The server's clock is past the access token's expiry; this computer's is not.
      serverClock.advance(16 * 60);
      const one = await addStory(a.library, 'After a long pause');
      a.service.storyChanged(one.id);
      expect(await a.service.syncNow()).toMatchObject({ state: 'idle', queued: 0, message: null });
      expect(seen).toEqual({ refreshes: 1, unauthorized: 1 });
      expect(storedRefreshToken(a.sessionFile)).not.toBe(firstToken);

      // This computer's clock says the token is about to expire: renewed before any request.
      offsetMs = 40 * 60_000;
      const two = await addStory(a.library, 'Later still');
      a.service.storyChanged(two.id);
      expect(await a.service.syncNow()).toMatchObject({ state: 'idle', queued: 0 });
      expect(seen).toEqual({ refreshes: 2, unauthorized: 1 });
      offsetMs = 0;
      expect(a.service.account().signedIn).toBe(true);
    });

    it('signs out with a clear message when the refresh token was revoked elsewhere', async () => {
      const family = await signUp(clocked.app);
      const a = laptop({ clock, fetch: countingFetch });
      await a.service.signIn({ serverUrl: clocked.url, email: family.email, password: TEST_PASSWORD });
      const revoke = await clocked.app.inject({
        method: 'POST',
        url: '/auth/logout',
        payload: { refreshToken: storedRefreshToken(a.sessionFile) },
      });
      expect(revoke.statusCode).toBe(204);
      const story = await addStory(a.library, 'Never sent');
      a.service.storyChanged(story.id);
      serverClock.advance(16 * 60);
      offsetMs = 40 * 60_000;
      try {
        const status = await a.service.syncNow();
        expect(status).toMatchObject({ state: 'signed-out', queued: 1, message: SIGN_IN_EXPIRED_MESSAGE });
      } finally {
        offsetMs = 0;
      }
      expect(a.statuses.at(-1)).toMatchObject({ state: 'signed-out', message: SIGN_IN_EXPIRED_MESSAGE });
      expect(existsSync(a.sessionFile)).toBe(false);
      expect(a.service.account().signedIn).toBe(false);
    });
  });
});
