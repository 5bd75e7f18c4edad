import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { pngFile, photoLike } from '../../image/make-test-images.js';
import { FakeYotoServer } from './fake-yoto-server.js';
import { YotoClient } from './yoto-client.js';
import { buildYotoPlaylist } from './yoto-playlist.js';
import { YotoUploadQueue, type YotoQueueProgress } from './yoto-upload-queue.js';

let fake: FakeYotoServer;
let folder: string;

beforeEach(async () => {
  fake = await FakeYotoServer.start({ transcodePolls: 1 });
  folder = await mkdtemp(join(tmpdir(), 'talemo-yoto-queue-'));
});

afterEach(async () => {
  await fake.stop();
  await rm(folder, { recursive: true, force: true });
});

function client(): YotoClient {
  return new YotoClient({
    clientId: fake.clientId,
    tokens: fake.signIn(),
    apiBaseUrl: fake.baseUrl,
    authBaseUrl: fake.baseUrl,
    transcodePollMs: 5,
    timeoutMs: 5_000,
  });
}

const fast = { firstDelayMs: 5, maxDelayMs: 20 };

function story(files: Record<string, Uint8Array>) {
  const names = Object.keys(files);
  return buildYotoPlaylist({
    title: 'The Fox and the Moon',
    language: 'en',
    chapters: names.map((name, index) => ({
      title: `Part ${index + 1}`,
      audioFiles: [name],
      ...(index === 0 ? { iconImage: pngFile(64, 48, photoLike(64, 48)) } : {}),
    })),
  });
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('YotoUploadQueue', () => {
  it('waits while Yoto is offline, survives a restart, then goes to done when Yoto is back', async () => {
    const files = {
      'one.mp3': new Uint8Array(randomBytes(50_000)),
      'two.mp3': new Uint8Array(randomBytes(40_000)),
    };
    await fake.goOffline();
    const queue = new YotoUploadQueue(folder);
    const id = await queue.enqueue(story(files), files);
    const retries: string[] = [];
    const afterOffline = await queue.process({
      client: client(),
      retry: { ...fast, maxRetries: 2 },
      onRetry: ({ error }) => retries.push(error.code),
    });
    expect(afterOffline).toMatchObject([{ id, state: 'waiting', filesDone: 0, filesTotal: 4 }]);
    expect(afterOffline[0]?.message).toMatch(/Cannot reach Yoto/);
    expect(retries).toEqual(['offline', 'offline']);

    const reopened = new YotoUploadQueue(folder); // as after an app restart
    expect(await reopened.list()).toMatchObject([{ id, title: 'The Fox and the Moon', state: 'waiting' }]);

    await fake.goOnline();
    const states = new Set<string>();
    const done = await reopened.process({
      client: client(),
      retry: fast,
      onProgress: (p) => states.add(p.state),
    });
    expect(done).toMatchObject([{ id, state: 'done', filesDone: 4, filesTotal: 4 }]);
    expect(states).toEqual(new Set(['uploading', 'transcoding', 'saving', 'done']));
    const cardId = done[0]?.cardId ?? '';
    const card = fake.cards.get(cardId) as { title: string; content: { chapters: { tracks: unknown[] }[] } };
    expect(card.title).toBe('The Fox and the Moon');
    expect(card.content.chapters.map((c) => c.tracks.length)).toEqual([1, 1]);
    expect(fake.putCount.get(sha(files['one.mp3']))).toBe(1);
  });

  it('keeps retrying with backoff inside one process() call until Yoto comes back', async () => {
    const files = { 'a.mp3': new Uint8Array(randomBytes(10_000)) };
    const queue = new YotoUploadQueue(folder);
    await queue.enqueue(story(files), files);
    await fake.goOffline();
    const delays: number[] = [];
    const result = await queue.process({
      client: client(),
      retry: { firstDelayMs: 10, maxDelayMs: 40 },
      onRetry: ({ delayMs }) => {
        delays.push(delayMs);
        if (delays.length === 3) void fake.goOnline();
      },
    });
    expect(result[0]?.state).toBe('done');
    expect(delays).toHaveLength(3);
    expect(delays[2]).toBeGreaterThan(delays[0] ?? Infinity); // grows
  });

  it('resumes a job cut off mid-upload without sending finished files again', async () => {
    const files = {
      'one.mp3': new Uint8Array(randomBytes(200_000)),
      'two.mp3': new Uint8Array(randomBytes(4_000_000)),
    };
    const queue = new YotoUploadQueue(folder);
    const id = await queue.enqueue(story(files), files);
    const controller = new AbortController();
    let sawSecondFile = false;
    const cut = await queue
      .process({
        client: client(),
        signal: controller.signal,
        retry: fast,
        onProgress: (p: YotoQueueProgress) => {
          // Past the first file's bytes: the second PUT is under way.
          if (p.state === 'uploading' && p.bytesSent > 200_000 && p.bytesSent < p.bytesTotal) {
            sawSecondFile = true;
            controller.abort();
          }
        },
      })
      .catch((e: unknown) => e);
    expect(sawSecondFile).toBe(true);
    expect(cut).toMatchObject({ code: 'cancelled' });
    expect(fake.putCount.get(sha(files['one.mp3']))).toBe(1);
    expect(fake.hasMedia(sha(files['two.mp3']))).toBe(false);
    expect(await new YotoUploadQueue(folder).list()).toMatchObject([{ id, state: 'waiting', filesDone: 1 }]);

    const before = fake.requests.length;
    const resumed = await new YotoUploadQueue(folder).process({ client: client(), retry: fast });
    expect(resumed[0]?.state).toBe('done');
    // The first file's confirmed upload was remembered: Yoto was not even asked about it again.
    const askedAgain = fake.requests.slice(before).filter((r) => r.path.endsWith('/uploadUrl'));
    expect(askedAgain).toHaveLength(1);
    expect(fake.putCount.get(sha(files['one.mp3']))).toBe(1); // not sent again
    expect(fake.putCount.get(sha(files['two.mp3']))).toBe(1);
  });

  it('a file Yoto already has (same SHA-256, other job) is not uploaded again', async () => {
    const shared = new Uint8Array(randomBytes(30_000));
    const queue = new YotoUploadQueue(folder);
    await queue.enqueue(story({ 'x.mp3': shared }), { 'x.mp3': shared });
    await queue.enqueue(story({ 'renamed.mp3': shared }), { 'renamed.mp3': shared });
    const result = await queue.process({ client: client(), retry: fast });
    expect(result.map((job) => job.state)).toEqual(['done', 'done']);
    expect(fake.putCount.get(sha(shared))).toBe(1);
  });

  it('a refused sign-in fails the job with a message to sign in again; retry() after signing in finishes it', async () => {
    const files = { 'a.mp3': new Uint8Array(randomBytes(10_000)) };
    const queue = new YotoUploadQueue(folder);
    const id = await queue.enqueue(story(files), files);
    const stale = client();
    fake.revokeSignIn();
    const failed = await queue.process({ client: stale, retry: fast });
    expect(failed).toMatchObject([{ id, state: 'failed', needsSignIn: true }]);
    expect(failed[0]?.message).toMatch(/Sign in to Yoto again/);

    await queue.retry(id);
    expect((await queue.list())[0]?.state).toBe('waiting');
    expect((await queue.process({ client: client(), retry: fast }))[0]?.state).toBe('done');
  });

  it('a request Yoto refuses fails that job with Yoto’s message, and the next job still goes', async () => {
    const queue = new YotoUploadQueue(folder);
    const first = { 'a.mp3': new Uint8Array(randomBytes(10_000)) };
    const second = { 'b.mp3': new Uint8Array(randomBytes(10_000)) };
    await queue.enqueue(story(first), first);
    await queue.enqueue(story(second), second);
    fake.failNext({ method: 'POST', path: /^\/content$/, status: 422, message: 'Too many tracks' });
    const result = await queue.process({ client: client(), retry: fast });
    expect(result.map((job) => job.state)).toEqual(['failed', 'done']);
    expect(result[0]?.message).toMatch(/Too many tracks/);
  });

  it('takes audio from a file path, keeps its own copy, refuses missing or unknown audio, and remove() deletes a job', async () => {
    const source = join(folder, 'source.mp3');
    await writeFile(source, randomBytes(20_000));
    const queueFolder = join(folder, 'queue');
    const queue = new YotoUploadQueue(queueFolder);
    const playlist = story({ 'source.mp3': new Uint8Array(0) });
    const id = await queue.enqueue(playlist, { 'source.mp3': source });
    await rm(source);
    await expect(queue.enqueue(playlist, {})).rejects.toThrow(/"source.mp3" is missing/);
    await expect(
      queue.enqueue(story({ 'song.xyz': new Uint8Array(1) }), { 'song.xyz': new Uint8Array(1) }),
    ).rejects.toThrow(/not an audio type/);
    expect((await readdir(queueFolder)).sort()).toEqual([id]); // nothing half-made left behind
    expect((await readdir(join(queueFolder, id))).sort()).toEqual(['audio-1.mp3', 'icon-1.png', 'job.json']);

    await queue.remove(id);
    expect(await queue.list()).toEqual([]);
    expect(await readdir(queueFolder)).toEqual([]);
    await expect(queue.remove('../etc')).rejects.toThrow(/not a Yoto upload job id/);
  });

  it('lists a damaged job file as failed instead of hiding it', async () => {
    const queue = new YotoUploadQueue(folder);
    const files = { 'a.mp3': new Uint8Array(randomBytes(1000)) };
    const id = await queue.enqueue(story(files), files);
    await writeFile(join(folder, id, 'job.json'), '{"version": 1, "id":');
    expect(await queue.list()).toMatchObject([{ id, state: 'failed' }]);
    expect((await queue.list())[0]?.message).toMatch(/damaged/);
  });
});
