/**
 * The app's Yoto sending, end to end on real files: a library story queued with real narration,
 * the loopback sign-in through Yoto's login page (a fake), and the upload to the Yoto API fake.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeYotoServer } from '../../../device-bridge/devices/yoto/fake-yoto-server';
import { buildYotoPlaylist } from '../../../device-bridge/devices/yoto/yoto-playlist';
import { TalemoCore } from '../talemo-core';
import { FakeYotoLogin } from './fake-yoto-login';
import { yotoConnectionFromEnv } from './yoto-connection';
import { queueStoryForYoto, WAITING_FOR_SIGN_IN, yotoQueue } from './yoto-send';
import { YOTO_SIGN_IN_FILE } from './yoto-sign-in-file';
import { WAITING_FOR_YOU_TO_SIGN_IN, YotoUploader, type YotoStatus } from './yoto-uploader';

let core: TalemoCore;
let fake: FakeYotoServer;
let login: FakeYotoLogin;
let uploader: YotoUploader;

beforeAll(async () => {
  core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-yoto-uploader-')));
}, 60_000);
afterAll(() => core.close());

beforeEach(async () => {
  fake = await FakeYotoServer.start({ transcodePolls: 3 });
  login = await FakeYotoLogin.start(fake);
  uploader = new YotoUploader({
    libraryDir: core.library.dir,
    queue: yotoQueue(core),
    connection: {
      clientId: fake.clientId,
      apiBaseUrl: fake.baseUrl,
      authBaseUrl: login.baseUrl,
      redirectPort: 0,
    },
    retry: { firstDelayMs: 20, maxDelayMs: 40, maxRetries: 2 },
    restartAfterMs: 0,
    transcodePollMs: 10,
  });
});

afterEach(async () => {
  await uploader.stop();
  await uploader.signOut();
  for (const job of await yotoQueue(core).list()) await yotoQueue(core).remove(job.id);
  await login.stop();
  await fake.stop();
});

/** Opens Yoto's sign-in page as the parent's browser would, following the redirect back to Talemo. */
async function signIn(): Promise<string> {
  const { authorizeUrl } = await uploader.signIn();
  const page = await fetch(authorizeUrl);
  return page.text();
}

/** Reads the status until `done` says so; every status seen is kept (what the UI would show). */
async function until(done: (status: YotoStatus) => boolean, seen: YotoStatus[] = []): Promise<YotoStatus> {
  for (let tries = 0; tries < 1000; tries += 1) {
    const status = await uploader.status();
    seen.push(status);
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`status never got there: ${JSON.stringify(seen.at(-1))}`);
}

async function queueNoise(title: string): Promise<string> {
  const files = { 'one.mp3': new Uint8Array(randomBytes(60_000)) };
  const playlist = buildYotoPlaylist({
    title,
    language: 'en',
    chapters: [{ title: 'One', audioFiles: ['one.mp3'] }],
  });
  return yotoQueue(core).enqueue(playlist, files);
}

describe('YotoUploader', { timeout: 120_000 }, () => {
  it('should keep a queued story waiting for a sign-in, then send it to Yoto with progress, to done with a card', async () => {
    const story = core.list({}).find((summary) => summary.title === 'Pip and the Lantern Moth')!;
    const queued = await queueStoryForYoto(core, story.id);

    const before = await uploader.status();
    expect(before.signIn).toBe('signed-out');
    expect(before.jobs).toMatchObject([
      { id: queued.id, state: 'waiting', message: WAITING_FOR_YOU_TO_SIGN_IN },
    ]);
    expect(fake.cards.size).toBe(0);

    expect(await signIn()).toMatch(/Signed in to Yoto/);
    const seen: YotoStatus[] = [];
    await until((status) => status.signIn === 'signed-in', seen);
    // The sign-in is kept for the next start, readable by the user only.
    const file = join(core.library.dir, YOTO_SIGN_IN_FILE);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);

    const after = await until((status) => status.jobs[0]?.state === 'done', seen);
    const job = after.jobs[0]!;
    expect(after.signIn).toBe('signed-in');
    expect(job.filesDone).toBe(job.filesTotal);
    expect(job.cardId).toBeTruthy();
    expect(fake.cards.get(job.cardId!)).toMatchObject({ title: 'Pip and the Lantern Moth' });

    const states = new Set(seen.flatMap((status) => status.jobs.map((entry) => entry.state)));
    expect(states).toContain('transcoding');
    const sending = seen.flatMap((status) => status.jobs).filter((entry) => entry.bytesTotal !== undefined);
    expect(sending.length).toBeGreaterThan(0);
    for (const entry of sending) expect(entry.bytesSent).toBeLessThanOrEqual(entry.bytesTotal!);
    expect(sending.at(-1)!.bytesTotal).toBeGreaterThan(0);
  });

  it('should say when Yoto cannot be reached, try again, and finish once Yoto is back', async () => {
    await signIn();
    await fake.goOffline();
    const id = await queueNoise('Offline story');
    const offline = await until((status) => status.problem !== null);
    expect(offline.problem).toMatch(/Cannot reach Yoto/);
    expect(offline.jobs.find((job) => job.id === id)?.state).toBe('waiting');
    await uploader.idle();
    // The job says why, as a code the app words in its own language.
    expect((await uploader.status()).jobs.find((job) => job.id === id)?.reason).toBe('offline');

    await fake.goOnline();
    const back = await until((status) => status.jobs.find((job) => job.id === id)?.state === 'done');
    expect(back.problem).toBeNull();
    expect(back.jobs.find((job) => job.id === id)?.reason).toBeUndefined();
  });

  it('should fail a job when the Yoto sign-in is withdrawn, sign out, and send it after a new sign-in and a retry', async () => {
    await signIn();
    fake.revokeSignIn();
    const id = await queueNoise('Revoked story');
    const failed = await until((status) => status.jobs.find((job) => job.id === id)?.state === 'failed');
    await uploader.idle();
    expect(failed.jobs.find((job) => job.id === id)).toMatchObject({ needsSignIn: true, reason: 'sign-in' });
    expect(failed.jobs.find((job) => job.id === id)?.message).toMatch(/Sign in to Yoto again/);
    expect((await uploader.status()).signIn).toBe('signed-out');

    await signIn();
    expect(await uploader.retry(id)).toBe(true);
    await until((status) => status.jobs.find((job) => job.id === id)?.state === 'done');
    expect(await uploader.retry(id)).toBe(false); // a done job has nothing to retry
    await expect(uploader.retry('zzz-00000000')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('should say so when the parent refuses the sign-in on Yoto’s page', async () => {
    login.refuseNext = true;
    expect(await signIn()).toMatch(/did not sign you in/);
    const status = await until((entry) => entry.signIn !== 'signing-in');
    expect(status.signIn).toBe('signed-out');
    expect(status.problem).toMatch(/Yoto refused the sign-in/);
  });

  it('should say plainly that Talemo cannot sign in to Yoto without a registered Yoto client', async () => {
    const without = new YotoUploader({
      libraryDir: core.library.dir,
      queue: yotoQueue(core),
      connection: null,
    });
    await queueNoise('No client');
    const status = await without.status();
    expect(status.signIn).toBe('unavailable');
    expect(status.jobs[0]?.message).toBe(WAITING_FOR_SIGN_IN);
    await expect(without.signIn()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(yotoConnectionFromEnv({})).toBeNull();
    expect(() =>
      yotoConnectionFromEnv({ TALEMO_YOTO_CLIENT_ID: 'x', TALEMO_YOTO_API_URL: 'ftp://x' }),
    ).toThrow(/TALEMO_YOTO_API_URL must start with https/);
    expect(yotoConnectionFromEnv({ TALEMO_YOTO_CLIENT_ID: 'abc' })).toMatchObject({
      clientId: 'abc',
      apiBaseUrl: 'https://api.yotoplay.com',
      redirectPort: 8787,
    });
  });

  it('should go on sending what waits in the queue when the app starts again, without the Boxes page', async () => {
    expect(await signIn()).toMatch(/Signed in to Yoto/);
    await until((status) => status.signIn === 'signed-in');
    await uploader.stop(); // the app closes; a story was queued just before
    await queueNoise('Queued before closing');
    expect(fake.cards.size).toBe(0);

    const env = {
      TALEMO_YOTO_CLIENT_ID: fake.clientId,
      TALEMO_YOTO_API_URL: fake.baseUrl,
      TALEMO_YOTO_AUTH_URL: login.baseUrl,
    };
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    const again = await TalemoCore.open(core.library.dir, { backgroundSync: true });
    try {
      for (let tries = 0; tries < 600 && fake.cards.size === 0; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect([...fake.cards.values()].map((card) => card.title)).toEqual(['Queued before closing']);
    } finally {
      again.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
