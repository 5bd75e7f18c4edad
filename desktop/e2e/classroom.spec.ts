/**
 * Classroom mode on the Boxes page, in the real app: three simulated boxes (two Lunii v2, one
 * v3, folders laid out like the boxes' disks) are added by path, ticked with one library story,
 * and the set goes on all of them in one job; the report lists each box with the story and no
 * error, and each box's own pack list on disk holds it. Run again, each box says it already had
 * it and nothing is added. A fourth folder that is no Lunii is refused when added.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Locator, Page } from '@playwright/test';

import { makeFakeLuniiDevice } from '../../device-bridge/formats/lunii/fake-lunii-device';
import { EXAMPLES, expect, openLibrary, test } from './fixtures';

// Compiling the story for two families and copying it onto three boxes takes a while on 2 cores.
const RUN_MS = 60_000;

test.describe.configure({ timeout: 150_000 });

async function addFolder(page: Page, path: string): Promise<void> {
  await page.getByTestId('folder-input').fill(path);
  await page.getByTestId('folder-add').click();
}

/** Remembers every label the classroom progress bar shows, however briefly. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="classroom-progress"] .progress-label')?.textContent;
      if (label && seen.at(-1) !== label) seen.push(label);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

function reportRow(page: Page, root: string): Locator {
  return page.locator(`[data-testid="classroom-row"][data-root="${root}"]`);
}

test('one story goes onto three boxes at once, a second run adds nothing, and a folder that is no box is refused', async ({
  page,
  app,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'talemo-e2e-classroom-'));
  try {
    const roots = ['box-a', 'box-b', 'box-c'].map((name) => resolve(dir, name));
    const families = ['v2', 'v2', 'v3'] as const;
    const devices = await Promise.all(
      roots.map(async (root, index) => {
        await mkdir(root);
        return makeFakeLuniiDevice(root, { family: families[index]!, seed: `classroom-e2e-${index}` });
      }),
    );
    // A folder laid out like a box but without its `.md`: not a Lunii.
    const notABox = resolve(dir, 'not-a-box');
    await mkdir(notABox);
    await makeFakeLuniiDevice(notABox, { family: 'v2', seed: 'classroom-e2e-no-md' });
    await rm(join(notABox, '.md'));

    await openLibrary(page, app);
    await page.getByTestId('open-devices').click();
    await expect(page).toHaveURL(/#\/devices$/);

    for (const root of roots) {
      await addFolder(page, root);
      await expect(page.locator(`[data-testid="box-card"][data-root="${root}"]`)).toBeVisible();
    }
    await addFolder(page, notABox);
    await expect(page.getByTestId('folder-error')).toContainText(
      `The folder ${notABox} cannot be used as a box.`,
    );

    const panel = page.getByTestId('classroom-panel');
    await expect(panel.getByRole('heading', { name: /Classroom/ })).toBeVisible();
    // The refused folder is not offered; the three boxes are, named with their serial numbers.
    await expect(panel.getByTestId('classroom-box')).toHaveCount(3);
    await expect(panel.locator(`[data-testid="classroom-box"][data-root="${notABox}"]`)).toHaveCount(0);
    const run = panel.getByTestId('classroom-run');
    await expect(run).toBeDisabled();

    // Ticked from the keyboard and by label, as a screen-reader user would.
    await panel
      .getByRole('group', { name: 'Stories of the set' })
      .getByRole('checkbox', { name: EXAMPLES.english.title })
      .check();
    const boxesGroup = panel.getByRole('group', { name: 'Boxes to fill' });
    for (const [index, device] of devices.entries()) {
      const box = boxesGroup.getByRole('checkbox', {
        name: `Lunii ${families[index]!}, serial ${device.metadata.serial}`,
      });
      await box.focus();
      await page.keyboard.press('Space');
      await expect(box).toBeChecked();
    }
    await expect(run).toHaveText('Put the set on 3 boxes');
    await watchProgress(page);
    await run.focus();
    await page.keyboard.press('Enter');

    // Progress names the box being filled, while nothing else on the page is blocked.
    await expect(panel.getByTestId('classroom-progress').getByRole('progressbar')).toBeVisible();
    await expect(page.getByTestId('folder-input')).toBeEnabled();

    const report = panel.getByTestId('classroom-report');
    await expect(report).toBeVisible({ timeout: RUN_MS });
    await expect(report.getByRole('heading', { name: 'Classroom report' })).toBeVisible();
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    for (const box of [1, 2, 3]) {
      expect(seen.some((label) => label.startsWith(`Box ${box} of 3: `))).toBe(true);
    }
    expect(seen.some((label) => /^Box \d of 3: Copying onto the box/.test(label))).toBe(true);
    await expect(report.getByTestId('classroom-report-date')).toContainText(String(new Date().getFullYear()));
    await expect(report.getByTestId('classroom-summary')).toHaveText('3 of 3 boxes have the whole set.');
    await expect(report.getByTestId('classroom-row')).toHaveCount(3);
    for (const [index, root] of roots.entries()) {
      const row = reportRow(page, root);
      await expect(row.getByTestId('classroom-row-box')).toHaveText(
        `Lunii ${families[index]!}, serial ${devices[index]!.metadata.serial}`,
      );
      await expect(row.getByTestId('classroom-row-result')).toHaveText('✓ Done');
      await expect(row.getByTestId('classroom-row-error')).toHaveCount(0);
      await expect(row.getByTestId('classroom-row-packs')).toHaveText(EXAMPLES.english.title);
      await expect(row.getByTestId('classroom-row-added')).toHaveText(EXAMPLES.english.title);
      await expect(row.getByTestId('classroom-row-free')).toHaveText(/\d/);
      // The box's own pack list: one 16-byte pack UUID.
      expect((await readFile(join(root, '.pi'))).length, `${root}/.pi`).toBe(16);
    }
    await expect(report.getByTestId('classroom-again')).toHaveCount(0);
    // "Print" opens the browser's print dialog (counted here, as headless Chromium has none to show);
    // on paper only the report is left, without its buttons.
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => {
        counted.printed += 1;
      };
    });
    await report.getByRole('button', { name: 'Print the classroom report' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(report.getByTestId('classroom-row').first()).toBeVisible();
    await expect(page.getByTestId('box-list')).toBeHidden();
    await expect(report.getByTestId('classroom-print')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    const piBefore = await Promise.all(roots.map((root) => readFile(join(root, '.pi'))));

    // Again, as a teacher would after fixing a box: each box already had it, nothing is added.
    await report.getByTestId('classroom-close').click();
    await run.click();
    await expect(report).toBeVisible({ timeout: RUN_MS });
    await expect(report.getByTestId('classroom-summary')).toHaveText('3 of 3 boxes have the whole set.');
    for (const [index, root] of roots.entries()) {
      const row = reportRow(page, root);
      await expect(row.getByTestId('classroom-row-result')).toHaveText('✓ Done');
      await expect(row.getByTestId('classroom-row-added')).toHaveText(
        'Nothing added — already had 1 story of the set',
      );
      await expect(row.getByTestId('classroom-row-packs')).toHaveText(EXAMPLES.english.title);
      expect((await readFile(join(root, '.pi'))).equals(piBefore[index]!), `${root}/.pi unchanged`).toBe(
        true,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a Cancel during a classroom run says so and leaves the boxes as they were', async ({ page, app }) => {
  const dir = await mkdtemp(join(tmpdir(), 'talemo-e2e-classroom-cancel-'));
  try {
    const roots = ['box-a', 'box-b'].map((name) => resolve(dir, name));
    for (const [index, root] of roots.entries()) {
      await mkdir(root);
      await makeFakeLuniiDevice(root, { family: 'v2', seed: `classroom-e2e-cancel-${index}` });
    }
    await openLibrary(page, app);
    await page.getByTestId('open-devices').click();
    for (const root of roots) {
      await addFolder(page, root);
      await expect(page.locator(`[data-testid="box-card"][data-root="${root}"]`)).toBeVisible();
    }

    // Why hold the request: so the Cancel surely comes while the job runs, however fast this machine copies.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/lunii.installToBoxes', async (route) => {
      await held;
      await route.continue();
    });
    const panel = page.getByTestId('classroom-panel');
    await panel.getByRole('checkbox', { name: EXAMPLES.english.title }).check();
    for (const box of await panel.getByTestId('classroom-box').getByRole('checkbox').all()) await box.check();
    await panel.getByTestId('classroom-run').click();
    const progress = panel.getByTestId('classroom-progress');
    await expect(progress.getByRole('progressbar')).toBeVisible();
    const cancelled = page.waitForResponse('**/api/call/jobs.cancel');
    await progress.getByTestId('classroom-cancel').click();
    await cancelled;
    release();

    await expect(
      panel.getByTestId('classroom-cancelled').or(panel.getByTestId('classroom-report-cancelled')),
    ).toContainText('Cancelled.', { timeout: RUN_MS });
    for (const root of roots) expect((await readFile(join(root, '.pi'))).length, `${root}/.pi`).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
