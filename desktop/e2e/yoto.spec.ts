/**
 * Boxes other than Lunii in the real app: a story sent to Yoto waits in the upload queue until
 * the parent signs in on Yoto's page (a fake Yoto login and API on 127.0.0.1), then goes up with
 * its progress to done with a link to the playlist, and is removed; a story written onto a
 * simulated TonUINO SD card (a folder) lands as numbered MP3s, and a Cancel leaves the card empty.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { FakeYotoServer } from '../../device-bridge/devices/yoto/fake-yoto-server';
import { FakeYotoLogin } from '../core/packs/fake-yoto-login';
import { EXAMPLES, expect, openLibrary, test } from './fixtures';

// Narrating a story's choices and making its MP3s takes a few seconds on 2 cores.
const JOB_MS = 90_000;

test.describe.configure({ timeout: 240_000 });

let fake: FakeYotoServer;
let login: FakeYotoLogin;

test.beforeAll(async () => {
  // Several status polls per file, so the upload is seen transcoding before it is done.
  fake = await FakeYotoServer.start({ transcodePolls: 6 });
  login = await FakeYotoLogin.start(fake);
  // The core reads where Yoto is from the environment when the Boxes page first asks (yoto-connection.ts).
  process.env.TALEMO_YOTO_CLIENT_ID = fake.clientId;
  process.env.TALEMO_YOTO_API_URL = fake.baseUrl;
  process.env.TALEMO_YOTO_AUTH_URL = login.baseUrl;
  process.env.TALEMO_YOTO_REDIRECT_PORT = '0';
});

test.afterAll(async () => {
  for (const name of ['CLIENT_ID', 'API_URL', 'AUTH_URL', 'REDIRECT_PORT'])
    delete process.env[`TALEMO_YOTO_${name}`];
  await login.stop();
  await fake.stop();
});

async function openBoxes(page: Page): Promise<void> {
  await page.getByTestId('open-devices').click();
  await expect(page).toHaveURL(/#\/devices$/);
}

test('a story waits in the Yoto queue for a sign-in, goes up with progress to done, and is removed', async ({
  page,
  app,
}) => {
  await openLibrary(page, app);
  await openBoxes(page);
  const panel = page.getByTestId('yoto-panel');
  await expect(panel.getByTestId('yoto-intro')).toContainText('needs a Yoto account and the internet');
  await expect(panel.getByTestId('yoto-intro')).toContainText('works offline');
  await expect(panel.getByTestId('yoto-sign-in-state')).toHaveText('Not signed in to Yoto.');
  await expect(panel.getByTestId('yoto-empty')).toBeVisible();

  await panel.getByTestId('yoto-story').selectOption({ label: EXAMPLES.english.title });
  await panel.getByTestId('yoto-send').click();
  await expect(panel.getByTestId('yoto-send-done')).toHaveText(
    `“${EXAMPLES.english.title}” is in the queue.`,
    {
      timeout: JOB_MS,
    },
  );
  const job = panel.getByTestId('yoto-job');
  await expect(job).toHaveCount(1);
  await expect(job.getByTestId('yoto-job-title')).toHaveText(EXAMPLES.english.title);
  await expect(job.getByTestId('yoto-job-state')).toHaveText('Waiting for a Yoto sign-in');
  expect(fake.cards.size).toBe(0);

  // Yoto's page opens in a new tab; it hands the sign-in straight back to Talemo.
  const popup = page.waitForEvent('popup');
  await panel.getByTestId('yoto-sign-in-button').click();
  const yotoTab = await popup;
  await expect(yotoTab.locator('body')).toContainText('Signed in to Yoto');
  await yotoTab.close();
  await expect(panel.getByTestId('yoto-sign-in-state')).toHaveText('✓ Signed in to Yoto');

  await expect(job).toHaveAttribute('data-state', 'transcoding', { timeout: 30_000 });
  await expect(job.getByTestId('yoto-job-state')).toHaveText('Yoto is preparing the audio');
  await expect(job.getByRole('progressbar')).toBeVisible();

  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(job.getByTestId('yoto-job-state')).toHaveText('✓ In your Yoto account');
  const [cardId, card] = [...fake.cards.entries()][0]!;
  expect(fake.cards.size).toBe(1);
  expect(card.title).toBe(EXAMPLES.english.title);
  await expect(job.getByTestId('yoto-job-card')).toContainText(`(id ${cardId})`);

  const jobId = await job.getAttribute('data-job-id');
  const folder = join(app.core.library.dir, 'yoto-queue', jobId!);
  expect(existsSync(folder)).toBe(true);
  await job.getByRole('button', { name: `Remove “${EXAMPLES.english.title}” from the Yoto queue` }).click();
  await expect(panel.getByTestId('yoto-empty')).toHaveText('Nothing waiting for Yoto.');
  expect(existsSync(folder)).toBe(false);
});

test('a story is written to a TonUINO SD card folder as numbered MP3s; a Cancel leaves the card empty', async ({
  page,
  app,
}) => {
  const card = await mkdtemp(join(tmpdir(), 'talemo-e2e-tonuino-'));
  try {
    await openLibrary(page, app);
    await openBoxes(page);
    const panel = page.getByTestId('sd-card-panel');
    await expect(panel.getByTestId('sd-card-box')).toHaveValue('tonuino');

    await panel.getByTestId('sd-card-write').click();
    await expect(panel.getByTestId('sd-card-problem')).toHaveText('Choose a story.');

    await panel.getByTestId('sd-card-story').selectOption({ label: EXAMPLES.english.title });
    await panel.getByTestId('sd-card-path').fill(card);
    await panel.getByTestId('sd-card-write').click();
    await expect(panel.getByTestId('sd-card-progress')).toBeVisible();
    await panel.getByTestId('sd-card-cancel').click();
    await expect(panel.getByTestId('sd-card-cancelled')).toBeVisible({ timeout: JOB_MS });
    expect(await readdir(card)).toEqual([]);

    await panel.getByTestId('sd-card-write').click();
    await expect(panel.getByTestId('sd-card-location')).toHaveText('✓ Written, checked: 01', {
      timeout: JOB_MS,
    });
    const listed = await panel.getByTestId('sd-card-files').getByRole('listitem').allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0]).toBe('01/001.mp3');
    const onCard = (await readdir(join(card, '01'))).sort();
    expect(onCard).toEqual(listed.map((file) => file.replace('01/', '')).sort());
    for (const file of onCard) expect((await stat(join(card, '01', file))).size).toBeGreaterThan(1000);
    await expect(panel.getByTestId('sd-card-done')).toContainText('album mode');
  } finally {
    await rm(card, { recursive: true, force: true });
  }
});
