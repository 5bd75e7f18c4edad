import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakeYotoServer } from './fake-yoto-server.js';
import type { YotoTokens } from './yoto-auth.js';
import { createPkcePair, yotoAuthorizeUrl } from './yoto-auth.js';
import { YotoClient } from './yoto-client.js';
import { YotoError } from './yoto-error.js';
import { buildYotoPlaylist, yotoContentBody } from './yoto-playlist.js';

let fake: FakeYotoServer;

beforeEach(async () => {
  fake = await FakeYotoServer.start({ transcodePolls: 2 });
});

afterEach(async () => {
  await fake.stop();
});

function clientFor(tokens: YotoTokens, saved: YotoTokens[] = []): YotoClient {
  return new YotoClient({
    clientId: fake.clientId,
    tokens,
    onTokens: (next) => {
      saved.push(next);
    },
    apiBaseUrl: fake.baseUrl,
    authBaseUrl: fake.baseUrl,
    transcodePollMs: 5,
    timeoutMs: 5_000,
  });
}

function audio(size: number): { bytes: Uint8Array; sha256: string } {
  const bytes = new Uint8Array(randomBytes(size));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('YotoClient against the fake Yoto', () => {
  it('uploads, polls the transcode, dedupes the same file the second time, creates a playlist and reads it back equal', async () => {
    const client = clientFor(fake.signIn());
    const first = audio(300_000);
    const second = audio(120_000);
    const progress: number[] = [];
    const polls: number[] = [];

    const one = await client.uploadAudio(
      first.bytes,
      { sha256: first.sha256, filename: 'part1.mp3', contentType: 'audio/mpeg' },
      {
        onBytes: (sent) => progress.push(sent),
      },
    );
    const again = await client.uploadAudio(first.bytes, {
      sha256: first.sha256,
      filename: 'part1.mp3',
      contentType: 'audio/mpeg',
    });
    const other = await client
      .waitForTranscode((await client.requestUploadUrl(second.sha256, 'b.mp3')).uploadId, {
        onPoll: (n) => polls.push(n),
      })
      .catch((error: unknown) => error);

    expect(one.deduplicated).toBe(false);
    expect(again.deduplicated).toBe(true);
    expect(again.transcoded).toEqual(one.transcoded);
    expect(fake.putCount.get(first.sha256)).toBe(1);
    expect(progress.at(-1)).toBe(first.bytes.length);
    expect(progress.length).toBeGreaterThan(1); // by bytes, not one jump
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    // Nothing was PUT for the second file, so Yoto has nothing to transcode.
    expect(other).toBeInstanceOf(YotoError);
    expect(polls).toEqual([]);

    const transcodedSecond = (
      await client.uploadAudio(second.bytes, {
        sha256: second.sha256,
        filename: 'b.mp3',
        contentType: 'audio/mpeg',
      })
    ).transcoded;
    // Two "not ready" answers before the result: the client kept polling.
    const transcodePolls = fake.requests.filter((r) => r.path.endsWith('/transcoded')).length;
    expect(transcodePolls).toBeGreaterThanOrEqual(4);

    const playlist = buildYotoPlaylist({
      title: 'Fox',
      language: 'en',
      chapters: [
        { title: 'One', audioFiles: ['part1.mp3'] },
        { title: 'Two', audioFiles: ['b.mp3'] },
      ],
    });
    const icon = playlist.icons[0];
    if (!icon) throw new Error('no icon');
    const mediaId = await client.uploadIcon(icon.png, 'talemo-book');
    const body = yotoContentBody(playlist, {
      audio: (name) => (name === 'part1.mp3' ? one.transcoded : transcodedSecond),
      iconMediaId: () => mediaId,
    });
    const created = await client.createOrUpdateContent(body);
    expect(created.cardId).toMatch(/^[a-zA-Z0-9]{5}$/);

    const read = await client.getContent(created.cardId);
    expect({ title: read.title, content: read.content, metadata: read.metadata }).toEqual({
      title: body.title,
      content: body.content,
      metadata: body.metadata,
    });

    const updated = await client.createOrUpdateContent({
      ...body,
      cardId: created.cardId,
      title: 'Fox (new)',
    });
    expect(updated.cardId).toBe(created.cardId);
    expect((await client.getContent(created.cardId)).title).toBe('Fox (new)');
  });

  it('uploads a cover and refuses an icon Yoto would refuse with Yoto’s own message', async () => {
    const client = clientFor(fake.signIn());
    const url = await client.uploadCover(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg');
    expect(url).toMatch(/\/pub\//);
    const error = await client.uploadIcon(new Uint8Array([1, 2, 3]), 'bad').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rejected', status: 400 });
    expect((error as Error).message).toMatch(/16x16 24-bit RGBA PNG/);
  });

  it('refreshes an expired access token once and keeps the rotated refresh token', async () => {
    const saved: YotoTokens[] = [];
    const client = clientFor(fake.signIn(), saved);
    fake.expireAccessTokens();
    await client.requestUploadUrl(audio(10).sha256, 'x.mp3');
    expect(saved).toHaveLength(1);
    fake.expireAccessTokens();
    await client.requestUploadUrl(audio(10).sha256, 'y.mp3'); // works only with the rotated refresh token
    expect(saved).toHaveLength(2);
  });

  it('refreshes before the stated expiry without a 401 first', async () => {
    const saved: YotoTokens[] = [];
    const client = clientFor({ ...fake.signIn(), expiresAt: Date.now() + 1_000 }, saved);
    await client.requestUploadUrl(audio(10).sha256, 'x.mp3');
    expect(saved).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  it('a revoked sign-in is a sign-in error that says to sign in again', async () => {
    const client = clientFor(fake.signIn());
    fake.revokeSignIn();
    const error = await client.requestUploadUrl(audio(10).sha256, 'x.mp3').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sign-in', retryable: false });
    expect((error as Error).message).toMatch(/Sign in to Yoto again/);
  });

  it('offline is a retryable "offline" error, and a server error keeps its message and is retryable', async () => {
    const client = clientFor(fake.signIn());
    fake.failNext({ path: /uploadUrl$/, status: 503, message: 'maintenance' });
    const busy = await client.requestUploadUrl(audio(10).sha256, 'x.mp3').catch((e: unknown) => e);
    expect(busy).toMatchObject({ code: 'server', status: 503, retryable: true });
    expect((busy as Error).message).toMatch(/maintenance/);
    fake.failNext({ path: /^\/content$/, status: 400, message: 'Deleted card cannot be restored' });
    const refused = await client
      .createOrUpdateContent({ title: 't', content: { chapters: [] } } as never)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'rejected', retryable: false });
    expect((refused as Error).message).toMatch(/Deleted card cannot be restored/);
    await fake.goOffline();
    const offline = await client.requestUploadUrl(audio(10).sha256, 'x.mp3').catch((e: unknown) => e);
    expect(offline).toMatchObject({ code: 'offline', retryable: true });
  });

  it('cancel stops a PUT in flight with a cancelled error', async () => {
    const client = clientFor(fake.signIn());
    const big = audio(8_000_000);
    const controller = new AbortController();
    const error = await client
      .uploadAudio(
        big.bytes,
        { sha256: big.sha256, filename: 'big.mp3', contentType: 'audio/mpeg' },
        {
          signal: controller.signal,
          onBytes: (sent) => {
            if (sent > 0) controller.abort();
          },
        },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(fake.hasMedia(big.sha256)).toBe(false);
  });

  it('builds a PKCE authorize URL as yoto.dev documents', () => {
    const pkce = createPkcePair();
    expect(pkce.verifier).toMatch(/^[\w-]{43}$/);
    const url = new URL(
      yotoAuthorizeUrl({
        clientId: 'abc',
        redirectUri: 'http://127.0.0.1:8787/callback',
        codeChallenge: pkce.challenge,
        state: 's',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.yotoplay.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      audience: 'https://api.yotoplay.com',
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(pkce.verifier).digest('base64url'),
    });
  });
});
