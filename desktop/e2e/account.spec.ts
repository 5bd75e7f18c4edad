/**
 * The Account page against the real cloud server (fastify on PGlite, started here on a free
 * port): a parent creates an account with a new family, sees it signed in with the family's
 * name and the sync up to date, syncs now, signs out, is refused with the server's own words on
 * a wrong password, then signs in again. Then the family's part: members, an invitation, export
 * and erasure.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { unzipTexts } from '../../cloud/testing/unzip-entries';
import { startListeningTestCloud, type ListeningTestCloud } from '../../cloud/testing/listening-test-cloud';
import { startWebServer } from '../web/web-server';
import { seriousViolations } from './accessibility';
import { expect, openLibrary, RENDERER_DIR, test } from './fixtures';

// Why longer than the default: PGlite starts and migrates in a few seconds on 2 cores.
test.describe.configure({ timeout: 60_000 });

let cloud: ListeningTestCloud;
let cloudUrl = '';

test.beforeAll(async () => {
  cloud = await startListeningTestCloud();
  cloudUrl = cloud.url;
});

test.afterAll(async () => {
  await cloud?.close();
});

const PASSWORD = 'a long enough passphrase';
const FAMILY = 'The Martins';

/** Each story the family's cloud holds, at its version, as the server answers another device. */
async function cloudVersions(email: string): Promise<Record<string, number>> {
  const login = await cloud.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password: PASSWORD },
  });
  const { accessToken } = login.json<{ accessToken: string }>();
  const pull = await cloud.app.inject({
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

/** A new account from the Account page: a new family named `family`, or joining one with `invitation`. */
async function signUpOn(
  page: Page,
  email: string,
  joining: { family: string } | { invitation: string },
): Promise<void> {
  const form = page.getByTestId('account-signup');
  await form.getByTestId('signup-server').fill(cloudUrl);
  await form.getByTestId('signup-email').fill(email);
  await form.getByTestId('signup-password').fill(PASSWORD);
  if ('family' in joining) await form.getByTestId('signup-name').fill(joining.family);
  else {
    await form.getByTestId('signup-kind-invited').check();
    await expect(form.getByTestId('signup-name')).toHaveCount(0);
    await form.getByTestId('signup-invitation').fill(joining.invitation);
  }
  await form.getByTestId('signup-submit').click();
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

test('an admin sees the family, invites, exports its data, then erases it by typing its name', async ({
  page,
  app,
}) => {
  const email = `admin-${Date.now()}@example.org`;
  const invitedEmail = `grandma-${Date.now()}@example.org`;
  const family = 'The Duponts';
  await openLibrary(page, app);
  await openAccount(page);
  await signUpOn(page, email, { family });

  // The family: the parent alone, as its admin, with what that role may do in plain words.
  const members = page.getByTestId('family-members');
  await expect(members.getByRole('heading', { name: 'Your family' })).toBeVisible({ timeout: 20_000 });
  await expect(members.getByTestId('family-member-name')).toHaveText([`${email} (you)`]);
  await expect(members.getByTestId('family-member-role')).toHaveText(['Admin']);
  await expect(members.getByTestId('family-member')).toContainText('invite and remove people');
  await expect(members.getByTestId('family-no-invitation')).toBeVisible();
  await expect(members.getByTestId('family-remove')).toHaveCount(0); // not oneself

  // An invitation: a one-time code shown once, and the invitation listed as waiting.
  const invite = page.getByTestId('family-invite');
  await invite.getByTestId('family-invite-role').selectOption('parent_creator');
  await expect(invite).toContainText('invites people, manages the children');
  await invite.getByTestId('family-invite-submit').click();
  const token = await invite.getByTestId('family-invite-token').inputValue();
  expect(token.length).toBeGreaterThan(20);
  await expect(members.getByTestId('family-invitation-text')).toHaveText([
    /^Parent creator: waiting to be used \(until .+\)$/,
  ]);
  await invite.getByTestId('family-invite-done').click();
  await expect(invite.getByTestId('family-invite-code')).toHaveCount(0);

  // The invited person joins with that code (from their own computer); the page shows them.
  const joined = await cloud.app.inject({
    method: 'POST',
    url: '/auth/signup',
    payload: { email: invitedEmail, password: PASSWORD, invitation: token },
  });
  expect(joined.statusCode).toBe(201);
  await page.reload();
  await expect(members.getByTestId('family-member-name')).toHaveText([`${email} (you)`, invitedEmail], {
    timeout: 20_000,
  });
  await expect(members.getByTestId('family-invitation-text')).toHaveText([/^Parent creator: used/]);
  expect(await seriousViolations(page)).toEqual([]);

  // Export: a zip of JSON files holding the family, both members and the synced stories.
  await expectUpToDate(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('family-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^talemo-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await unzipTexts(await readFile((await file.path())!));
  expect(JSON.parse(files.get('tenant.json')!)).toMatchObject({ name: family });
  const exported = JSON.parse(files.get('members.json')!) as { email: string }[];
  expect(exported.map((m) => m.email)).toEqual([email, invitedEmail]);
  const tables = [...files].filter(([name]) => name.startsWith('tables/')).map(([, text]) => text);
  for (const story of app.core.list()) expect(tables.some((text) => text.includes(story.id))).toBe(true);
  await expect(page.getByTestId('family-exported')).toHaveText(`Downloaded ${file.suggestedFilename()}.`);

  // Removing the invited member asks first, then they are gone.
  await members.getByTestId('family-remove').click();
  await expect(members).toContainText(`Remove ${invitedEmail} from the family?`);
  await members.getByTestId('family-remove-yes').click();
  await expect(members.getByTestId('family-member-name')).toHaveText([`${email} (you)`]);

  // Erase: the button sleeps until the family's name is typed exactly.
  const erase = page.getByTestId('family-erase');
  await expect(erase).toContainText('It cannot be undone.');
  await expect(erase).toContainText('The stories on this computer stay here.');
  await expect(erase.getByTestId('family-erase-submit')).toBeDisabled();
  await erase.getByTestId('family-erase-name').fill('the duponts');
  await expect(erase.getByTestId('family-erase-submit')).toBeDisabled();
  await erase.getByTestId('family-erase-name').fill(family);
  await erase.getByTestId('family-erase-submit').click();
  await expect(page.getByTestId('family-erased')).toHaveText(
    'The family’s cloud data is erased. This computer is signed out.',
  );
  await expect(page.getByTestId('account-signed-out')).toBeVisible();
  expect(app.core.list().length).toBeGreaterThan(0);
  // Gone from the cloud: the account no longer belongs to any family there.
  const again = await cloud.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password: PASSWORD },
  });
  expect(again.statusCode).toBeGreaterThanOrEqual(400);
});

test('an invited grandparent joins the family from their own computer with the code', async ({
  page,
  app,
  context,
}) => {
  const email = `mum-${Date.now()}@example.org`;
  const grandma = `grandma-${Date.now()}@example.org`;
  const family = 'The Bernards';
  await openLibrary(page, app);
  await openAccount(page);
  await signUpOn(page, email, { family });
  const invite = page.getByTestId('family-invite');
  await invite.getByTestId('family-invite-submit').click();
  const code = await invite.getByTestId('family-invite-token').inputValue();

  // The grandparent's computer: another Talemo with its own library, in another window.
  const libraryDir = await mkdtemp(join(tmpdir(), 'talemo-e2e-grandma-'));
  const theirs = await startWebServer({ libraryDir, rendererDir: RENDERER_DIR });
  try {
    const their = await context.newPage();
    await openLibrary(their, theirs);
    await openAccount(their);
    await signUpOn(their, grandma, { invitation: code });
    await expect(their.getByTestId('account-group')).toHaveText(family, { timeout: 20_000 });
    await expect(their.getByTestId('family-member-name')).toHaveText([email, `${grandma} (you)`], {
      timeout: 20_000,
    });

    // The code worked once: on the first computer the invitation now reads as used.
    await page.reload();
    await expect(page.getByTestId('family-invitation-text')).toHaveText([/: used/], { timeout: 20_000 });
    await their.close();
  } finally {
    await theirs.close();
    await rm(libraryDir, { recursive: true, force: true });
  }
});
