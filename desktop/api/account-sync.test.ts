/**
 * Sync as the app drives it, through the contract: sign up on laptop A, create and edit a story
 * there, sign in on laptop B and find it, then delete it on B and see it go on A. The cloud is
 * the real server (fastify on PGlite) on a port; the laptops are two real library folders.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startListeningTestCloud, type ListeningTestCloud } from '../../cloud/testing/listening-test-cloud';
import { createDispatcher } from './dispatcher';
import { TalemoCore } from '../core/talemo-core';

describe('library sync through the contract', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-core-sync-'));
  let cloud: ListeningTestCloud;
  let url = '';
  let laptopA: TalemoCore;
  let laptopB: TalemoCore;

  beforeAll(async () => {
    cloud = await startListeningTestCloud();
    url = cloud.url;
    laptopA = await TalemoCore.open(join(dir, 'a'));
    laptopB = await TalemoCore.open(join(dir, 'b'));
  }, 120_000);

  afterAll(async () => {
    laptopA?.close();
    laptopB?.close();
    await cloud?.close();
  });

  const call = async (core: TalemoCore, method: string, input: unknown) => {
    const envelope = await createDispatcher(core, { version: 'test', mode: 'web' }).dispatch(method, input);
    if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
    return envelope.value as Record<string, unknown>;
  };

  it('should say signed out, with nothing to do, before anyone signs in', async () => {
    expect(await call(laptopA, 'account.get', {})).toMatchObject({ signedIn: false });
    expect(await call(laptopA, 'sync.status', {})).toMatchObject({ state: 'signed-out' });
  });

  it('should carry a story made on one laptop to the other, then its deletion back', async () => {
    const account = { serverUrl: url, email: 'parent@example.org', password: 'a long enough passphrase' };
    await call(laptopA, 'account.signUp', { ...account, tenant: { kind: 'family', name: 'The Martins' } });
    const story = laptopA.create({ title: 'The owl who counted stars' });
    expect(await call(laptopA, 'sync.now', {})).toMatchObject({ state: 'idle', queued: 0 });

    expect(await call(laptopB, 'account.signIn', account)).toMatchObject({
      signedIn: true,
      email: account.email,
    });
    await call(laptopB, 'sync.now', {});
    const onB = laptopB.library.stories.get(story.id);
    expect(onB.title).toBe('The owl who counted stars');
    // Found by the search box on B too: the save hooks ran for the story that came from the cloud.
    await laptopB.whenIndexed();
    expect((await laptopB.search('owl stars')).map((hit) => hit.story.id)).toContain(story.id);

    laptopB.delete(story.id, onB.version);
    await call(laptopB, 'sync.now', {});
    await call(laptopA, 'sync.now', {});
    expect(laptopA.list().map((summary) => summary.id)).not.toContain(story.id);
  });

  it('should forget the sign-in on sign-out', async () => {
    expect(await call(laptopA, 'account.signOut', {})).toMatchObject({ signedIn: false });
    expect(await call(laptopA, 'sync.status', {})).toMatchObject({ state: 'signed-out' });
  });
});
