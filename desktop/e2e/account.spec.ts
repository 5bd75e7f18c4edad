/**
 * The Account page against the real cloud server (fastify on PGlite, started here on a free
 * port): a parent creates an account with a new family, sees it signed in with the family's
 * name and the sync up to date, syncs now, signs out, is refused with the server's own words on
 * a wrong password, then signs in again.
 */
import type { AddressInfo } from 'node:net';

import type { Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';

import { createTestApp } from '../../cloud/testing/test-app';
import { openPgliteTestDatabase, type TestDatabase } from '../../cloud/testing/test-databases';
import { expect, openLibrary, test } from './fixtures';

// Why longer than the default: PGlite starts and migrates in a few seconds on 2 cores.
test.describe.configure({ timeout: 60_000 });

let database: TestDatabase;
let cloud: FastifyInstance;
let cloudUrl = '';

test.beforeAll(async () => {
  database = await openPgliteTestDatabase();
  cloud = await createTestApp(database.db);
  await cloud.listen({ port: 0, host: '127.0.0.1' });
  cloudUrl = `http://127.0.0.1:${(cloud.server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await cloud?.close();
  await database?.dispose();
});

const PASSWORD = 'a long enough passphrase';
const FAMILY = 'The Martins';

/** Each story the family's cloud holds, at its version, as the server answers another device. */
async function cloudVersions(email: string): Promise<Record<string, number>> {
  const login = await cloud.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password: PASSWORD },
  });
  const { accessToken } = login.json<{ accessToken: string }>();
  const pull = await cloud.inject({
    method: 'GET',
    url: '/sync/pull?limit=500',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const { changes } = pull.json<{ changes: { storyId: string; version: number; deleted: boolean }[] }>();
  return Object.fromEntries(
    changes.filter((change) => !change.deleted).map((change) => [change.storyId, change.version]),
  );
}

function versionsOf(stories: { id: string; version: number }[]): Record<string, number> {
  return Object.fromEntries(stories.map((story) => [story.id, story.version]));
}

async function openAccount(page: Page): Promise<void> {
  await page.getByTestId('topbar-account').click();
  await expect(page).toHaveURL(/#\/account$/);
  await expect(page.getByRole('heading', { name: 'Family cloud' })).toBeFocused();
}

/** The status line once the first sync round (started by the sign-in) has finished. */
async function expectUpToDate(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(page.getByTestId('sync-headline')).toHaveText('Everything is up to date.');
  await expect(page.getByTestId('sync-detail')).toHaveText([/^Last synced at .+\d/]);
}

test('a parent creates a family account, syncs, signs out and signs in again', async ({ page, app }) => {
  const email = `parent-${Date.now()}@example.org`;
  await openLibrary(page, app);
  await openAccount(page);

  // Signed out: what the cloud does, and that everything works without it.
  await expect(page.getByTestId('account-signed-out')).toContainText('The cloud is optional');
  await expect(page.getByTestId('privacy-no-child')).toBeVisible();

  const signUp = page.getByTestId('account-signup');
  await signUp.getByTestId('signup-server').fill(cloudUrl);
  await signUp.getByTestId('signup-email').fill(email);
  await signUp.getByTestId('signup-password').fill('too short');
  await signUp.getByTestId('signup-name').fill(FAMILY);
  await signUp.getByTestId('signup-submit').click();
  await expect(signUp.getByTestId('signup-error')).toHaveText('The password needs at least 12 characters.');

  await signUp.getByTestId('signup-password').fill(PASSWORD);
  await signUp.getByTestId('signup-submit').click();

  const signedIn = page.getByTestId('account-signed-in');
  await expect(signedIn).toBeVisible({ timeout: 20_000 });
  await expect(signedIn.getByTestId('account-email')).toHaveText(email);
  await expect(signedIn.getByTestId('account-group')).toHaveText(FAMILY);
  await expect(signedIn.getByTestId('account-server')).toHaveText(new RegExp(`^${cloudUrl}/?$`));
  await expectUpToDate(page);

  // The first round sent the library. A story renamed behind the app's back (as the command line
  // does) is found only by the next round, which Sync now runs.
  const library = app.core.list();
  expect(await cloudVersions(email)).toEqual(versionsOf(library));
  const renamed = library[0]!;
  const updated = app.core.library.stories.update(renamed.id, renamed.version, {
    title: 'Pip counts the stars',
  });
  expect((await cloudVersions(email))[renamed.id]).toBe(renamed.version);
  await page.getByTestId('sync-now').click();
  await expectUpToDate(page);
  expect((await cloudVersions(email))[renamed.id]).toBe(updated.version);
  await expect(page.getByTestId('sync-error')).toHaveCount(0);

  // The page survives a reload: the core remembers the sign-in, not the page.
  await page.reload();
  await expect(page.getByTestId('account-group')).toHaveText(FAMILY);

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('account-signed-out')).toBeVisible();

  const signIn = page.getByTestId('account-signin');
  await signIn.getByTestId('signin-server').fill(cloudUrl);
  await signIn.getByTestId('signin-email').fill(email);
  await signIn.getByTestId('signin-password').fill('not the password at all');
  await signIn.getByTestId('signin-submit').click();
  // The server's own sentence, then what to do next.
  await expect(signIn.getByTestId('signin-error')).toHaveText(
    'The email or password is not right. Check the email and password, then try again.',
  );
  await expect(page.getByTestId('account-signed-in')).toHaveCount(0);

  await signIn.getByTestId('signin-password').fill(PASSWORD);
  await signIn.getByTestId('signin-submit').click();
  await expect(page.getByTestId('account-group')).toHaveText(FAMILY, { timeout: 20_000 });
  await expect(page.getByTestId('account-email')).toHaveText(email);
  await expectUpToDate(page);
});
