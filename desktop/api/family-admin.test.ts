/**
 * The family's cloud side through the contract, against the real cloud server (fastify on
 * PGlite) on a port: a parent signs up with a new family, invites a second parent who joins on
 * another laptop, sees both members and the invitation used; the second parent (no admin) is
 * refused removing, exporting and erasing; the admin exports the family's data (a zip read
 * here) and erases it after typing the family's name, which signs both laptops out for good.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { unzipTexts } from '../../cloud/testing/unzip-entries';
import { startListeningTestCloud, type ListeningTestCloud } from '../../cloud/testing/listening-test-cloud';
import { createDispatcher } from './dispatcher';
import type { ErrorPayload } from './contract';
import { TalemoCore } from '../core/talemo-core';

describe('the family on the cloud through the contract', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-family-admin-'));
  let cloud: ListeningTestCloud;
  let url = '';
  let laptopA: TalemoCore;
  let laptopB: TalemoCore;
  const FAMILY = 'The Martins';
  const parent = { email: 'parent@example.org', password: 'a long enough passphrase' };
  const other = { email: 'other.parent@example.org', password: 'another long passphrase' };

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

  const dispatch = (core: TalemoCore, method: string, input: unknown) =>
    createDispatcher(core, { version: 'test', mode: 'web' }).dispatch(method, input);
  const call = async (core: TalemoCore, method: string, input: unknown) => {
    const envelope = await dispatch(core, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
    return envelope.value as Record<string, unknown>;
  };
  const refusal = async (core: TalemoCore, method: string, input: unknown): Promise<ErrorPayload> => {
    const envelope = await dispatch(core, method, input);
    if (envelope.ok) throw new Error(`${method} was accepted: ${JSON.stringify(envelope.value)}`);
    return envelope.error;
  };
  interface Overview {
    family: { name: string; kind: string };
    members: { accountId: string; email: string | null; profile: string; isYou: boolean }[];
    invitations: { id: string; profile: string; status: string }[] | null;
    rights: Record<string, boolean>;
  }
  const overview = async (core: TalemoCore) =>
    (await call(core, 'account.members', {})) as unknown as Overview;

  it('should refuse every family call while signed out, saying to sign in', async () => {
    for (const [method, input] of [
      ['account.members', {}],
      ['account.invite', { profile: 'parent_creator' }],
      ['account.exportData', {}],
      ['account.eraseData', { familyName: FAMILY }],
    ] as const) {
      const error = await refusal(laptopA, method, input);
      expect(error.code).toBe('unauthorized');
      expect(error.message).toMatch(/^Sign in to your family’s cloud account first/);
    }
  });

  it('should list the family with its creator as admin, and no invitations yet', async () => {
    await call(laptopA, 'account.signUp', {
      serverUrl: url,
      ...parent,
      tenant: { kind: 'family', name: FAMILY },
    });
    const family = await overview(laptopA);
    expect(family.family).toEqual({ kind: 'family', name: FAMILY });
    expect(family.members).toEqual([
      expect.objectContaining({ email: parent.email, profile: 'admin', isYou: true }),
    ]);
    expect(family.invitations).toEqual([]);
    expect(family.rights).toEqual({ invite: true, manage: true, exportData: true, eraseData: true });
  });

  it('should invite a second parent, who joins from another laptop with the token', async () => {
    const invited = await call(laptopA, 'account.invite', { profile: 'parent_creator' });
    expect(invited).toMatchObject({ profile: 'parent_creator', token: expect.any(String) });
    expect((await overview(laptopA)).invitations).toEqual([
      expect.objectContaining({ id: invited.id, status: 'pending' }),
    ]);

    await call(laptopB, 'account.signUp', { serverUrl: url, ...other, invitation: invited.token });
    expect(await call(laptopB, 'account.get', {})).toMatchObject({
      tenantName: FAMILY,
      profile: 'parent_creator',
    });

    const family = await overview(laptopA);
    expect(family.members.map((m) => [m.email, m.profile, m.isYou])).toEqual([
      [parent.email, 'admin', true],
      [other.email, 'parent_creator', false],
    ]);
    expect(family.invitations).toEqual([expect.objectContaining({ id: invited.id, status: 'accepted' })]);
    // The invited parent sees the same family, themselves marked, and only the buttons they may use.
    const seenByB = await overview(laptopB);
    expect(seenByB.members.find((m) => m.isYou)?.email).toBe(other.email);
    expect(seenByB.rights).toEqual({ invite: true, manage: false, exportData: false, eraseData: false });
  });

  it('should withdraw a pending invitation, and say so when there is none', async () => {
    const invited = await call(laptopA, 'account.invite', {
      profile: 'kids_listen_only',
      expiresInHours: 24,
    });
    expect(await call(laptopA, 'account.revokeInvitation', { id: invited.id })).toEqual({ revoked: true });
    expect((await overview(laptopA)).invitations?.find((i) => i.id === invited.id)?.status).toBe('revoked');
    const again = await refusal(laptopA, 'account.revokeInvitation', { id: invited.id });
    expect(again.message).toBe('No such pending invitation.');
  });

  it('should refuse a member without rights: removing, exporting, erasing, inviting an admin', async () => {
    const adminId = (await overview(laptopA)).members.find((m) => m.isYou)!.accountId;
    for (const [method, input] of [
      ['account.removeMember', { accountId: adminId }],
      ['account.exportData', {}],
      ['account.eraseData', { familyName: FAMILY }],
    ] as const) {
      const error = await refusal(laptopB, method, input);
      expect(error.code).toBe('unauthorized');
      expect(error.message).toMatch(/^Your profile \(Parent Creator\) does not allow this/);
    }
    const tooStrong = await refusal(laptopB, 'account.invite', { profile: 'admin' });
    expect(tooStrong).toMatchObject({
      code: 'unauthorized',
      message: 'You cannot invite someone with more permissions than you have.',
    });
    expect((await overview(laptopA)).members).toHaveLength(2);
  });

  it('should export the family: its members and its synced stories, as JSON files in a zip', async () => {
    laptopA.create({ title: 'The owl who counted stars' });
    expect(await call(laptopA, 'sync.now', {})).toMatchObject({ state: 'idle', queued: 0 });
    const exported = await call(laptopA, 'account.exportData', {});
    expect(exported.fileName).toMatch(/^talemo-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = await unzipTexts(exported.data as Uint8Array);
    expect(JSON.parse(files.get('manifest.json')!)).toMatchObject({ format: 'talemo-family-export/1' });
    expect(JSON.parse(files.get('tenant.json')!)).toMatchObject({ name: FAMILY, kind: 'family' });
    const members = JSON.parse(files.get('members.json')!) as { email: string; profile: string }[];
    expect(members.map((m) => [m.email, m.profile])).toEqual([
      [parent.email, 'admin'],
      [other.email, 'parent_creator'],
    ]);
    const tables = [...files].filter(([name]) => name.startsWith('tables/')).map(([, text]) => text);
    expect(tables.some((text) => text.includes('The owl who counted stars'))).toBe(true);
  });

  it('should remove a member, whose laptop can no longer reach the family', async () => {
    const otherId = (await overview(laptopA)).members.find((m) => !m.isYou)!.accountId;
    expect(await call(laptopA, 'account.removeMember', { accountId: otherId })).toEqual({ removed: true });
    expect((await overview(laptopA)).members.map((m) => m.email)).toEqual([parent.email]);
    const gone = await refusal(laptopB, 'account.members', {});
    expect(gone.code).toBe('unauthorized');
  });

  it('should refuse an erasure with the wrong family name, and erase nothing', async () => {
    const error = await refusal(laptopA, 'account.eraseData', { familyName: 'The Martin' });
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(error.message).toBe(
      `Nothing was erased: the name typed is not the family’s name. Type “${FAMILY}” exactly to erase its cloud data.`,
    );
    expect((await refusal(laptopA, 'account.eraseData', { familyName: 'the martins' })).code).toBe(
      'invalid-input',
    );
    expect((await overview(laptopA)).members).toHaveLength(1);
  });

  it('should erase the family with its name typed, sign out, and keep the stories on this computer', async () => {
    const before = laptopA.list().length;
    const erased = await call(laptopA, 'account.eraseData', { familyName: `  ${FAMILY} ` });
    expect(erased.rowsErased).toBeGreaterThan(0);
    expect(erased.account).toMatchObject({ signedIn: false });
    expect(laptopA.list()).toHaveLength(before);
    // The family is gone from the cloud: signing in finds no family for the account any more.
    const again = await refusal(laptopA, 'account.signIn', { serverUrl: url, ...parent });
    expect(again.code).not.toBe('internal');
    const tenants = await cloud.app.inject({ method: 'POST', url: '/auth/login', payload: parent });
    expect(tenants.statusCode).toBeGreaterThanOrEqual(400);
  });
});
