/**
 * The Boxes page in the real app, on a simulated Lunii v2 (a folder laid out like the box's
 * disk): the folder is added by path and kept, library stories go on it (ticked, and dragged
 * onto the box) with progress and "Safe to unplug", its packs are moved with the keyboard,
 * hidden and shown, put in night mode, exported and removed, and after each step the box's own
 * files on disk say the same. A Cancel leaves the box as it was; a folder that is no box is
 * refused in plain words.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Locator, Page } from '@playwright/test';

import { makeFakeLuniiDevice } from '../../device-bridge/formats/lunii/fake-lunii-device';
import { EXAMPLES, expect, openLibrary, test } from './fixtures';

// Compiling a story for the box and copying it takes a few seconds on 2 cores.
const INSTALL_MS = 90_000;

test.describe.configure({ timeout: 240_000 });

/** The pack UUIDs a box's index file lists, in the box's order (16 bytes each, RFC 4122 order). */
async function packIndex(root: string, file = '.pi'): Promise<string[]> {
  const path = join(root, file);
  if (!existsSync(path)) return [];
  const bytes = await readFile(path);
  expect(bytes.length % 16, `${file} holds whole 16-byte entries`).toBe(0);
  const uuids: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const hex = bytes.subarray(at, at + 16).toString('hex');
    uuids.push(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    );
  }
  return uuids;
}

/** Anything Talemo writes on the way (temp folders, journals, new files) must be gone at rest. */
async function leftovers(root: string): Promise<string[]> {
  const names = [...(await readdir(root)), ...(await readdir(join(root, '.content')))];
  return names.filter((name) => name.startsWith('.talemo-') || name.endsWith('.talemo-new'));
}

async function withDeviceFolder(run: (root: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'talemo-e2e-box-'));
  try {
    await run(resolve(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openBoxes(page: Page): Promise<void> {
  await page.getByTestId('open-devices').click();
  await expect(page).toHaveURL(/#\/devices$/);
  await expect(page.getByRole('heading', { name: 'Your boxes' })).toBeFocused();
}

async function addFolder(page: Page, path: string): Promise<void> {
  await page.getByTestId('folder-input').fill(path);
  await page.getByTestId('folder-add').click();
}

function boxCard(page: Page, root: string): Locator {
  return page.locator(`[data-testid="box-card"][data-root="${root}"]`);
}

function packRow(page: Page, title: string): Locator {
  return page
    .getByTestId('box-pack')
    .filter({ has: page.getByTestId('pack-title').getByText(title, { exact: true }) });
}

function storyRow(page: Page, title: string): Locator {
  return page.getByTestId('install-story').filter({ hasText: title });
}

/** Remembers every label the install's progress bar shows, however briefly. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="install-progress"] .progress-label')?.textContent;
      if (label && seen.at(-1) !== label) seen.push(label);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

async function expectSafeToUnplug(page: Page, title: string): Promise<void> {
  const done = page.getByTestId('install-done');
  await expect(done.getByTestId('install-safe')).toHaveText('✓ Safe to unplug', { timeout: INSTALL_MS });
  await expect(done.getByTestId('install-installed')).toHaveText(`“${title}” is on the box.`);
  await done.getByRole('button', { name: 'Dismiss' }).click();
}

/** A real mouse drag in small steps: Chromium starts an HTML drag only once the mouse has moved a little. */
async function dragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + from.height / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await expect(target).toHaveClass(/is-drop-target/);
  await page.mouse.up();
}

async function packTitles(page: Page): Promise<string[]> {
  return page.getByTestId('box-packs').getByTestId('pack-title').allTextContents();
}

test('a story goes onto a box folder, and its packs are moved, hidden, put in night mode, exported and removed', async ({
  page,
  app,
}) => {
  await withDeviceFolder(async (root) => {
    const device = await makeFakeLuniiDevice(root, { family: 'v2', seed: 'devices-e2e' });
    await openLibrary(page, app);
    await openBoxes(page);
    await expect(boxCard(page, root)).toHaveCount(0);

    // The folder is read as a box, then kept and listed.
    await addFolder(page, root);
    const card = boxCard(page, root);
    await expect(card.getByTestId('box-open')).toHaveText('▣ Lunii v2');
    await expect(card.getByTestId('box-firmware')).toHaveText(`Firmware ${device.metadata.firmware}`);
    await expect(card.getByTestId('box-pack-count')).toHaveText('No story pack yet');
    await expect(card.getByRole('meter', { name: 'Space used on the box' })).toHaveAttribute(
      'aria-valuetext',
      /free of/,
    );
    await expect(page.getByTestId('folder-list')).toContainText(root);
    await expect(page.getByTestId('box-warnings')).toContainText(
      'Before a firmware update, export your own packs',
    );
    await expect(page.getByTestId('box-no-packs')).toBeVisible();

    // Kept across visits: after a reload, the box is there again without typing anything.
    await page.reload();
    await expect(boxCard(page, root).getByTestId('box-open')).toHaveText('▣ Lunii v2');
    await expect(page.getByTestId('box-detail')).toBeVisible();

    // Ticked and put on the box: progress with its phase, then "Safe to unplug".
    await watchProgress(page);
    await storyRow(page, EXAMPLES.english.title).getByTestId('install-pick').check();
    await page.getByTestId('install-button').click();
    await expectSafeToUnplug(page, EXAMPLES.english.title);
    const seen = await progressSeen(page);
    expect(seen[0]).toBe('Getting ready…');
    expect(seen.some((label) => /^(Preparing story 1 of 1|Copying onto the box)/.test(label))).toBe(true);

    const pip = packRow(page, EXAMPLES.english.title);
    await expect(pip.getByTestId('pack-position')).toHaveText('No. 1');
    await expect(pip.getByTestId('pack-size')).toHaveText(/\d+ (kB|MB)$/);
    const pipUuid = (await pip.getAttribute('data-uuid'))!;
    const pipFolder = (await pip.getAttribute('data-folder'))!;
    expect(await packIndex(root)).toEqual([pipUuid]);
    expect(existsSync(join(root, '.content', pipFolder))).toBe(true);
    await expect(card.getByTestId('box-pack-count')).toHaveText('1 story pack');

    // A story dragged onto the box goes on it too, after the first.
    await dragOnto(page, storyRow(page, EXAMPLES.french.title), card);
    await expectSafeToUnplug(page, EXAMPLES.french.title);
    const lila = packRow(page, EXAMPLES.french.title);
    const lilaUuid = (await lila.getAttribute('data-uuid'))!;
    const lilaFolder = (await lila.getAttribute('data-folder'))!;
    await expect.poll(() => packTitles(page)).toEqual([EXAMPLES.english.title, EXAMPLES.french.title]);
    expect(await packIndex(root)).toEqual([pipUuid, lilaUuid]);
    await expect(card.getByTestId('box-pack-count')).toHaveText('2 story packs');

    // Moved with the keyboard: the focus stays in the pack's row as it moves.
    await lila.getByTestId('pack-up').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => packTitles(page)).toEqual([EXAMPLES.french.title, EXAMPLES.english.title]);
    await expect(lila.getByTestId('pack-position')).toHaveText('No. 1');
    expect(await packIndex(root)).toEqual([lilaUuid, pipUuid]);
    // At the top, Up is off: the focus waits on Down, and Enter takes it back down.
    await expect(lila.getByTestId('pack-up')).toBeDisabled();
    await expect(lila.getByTestId('pack-down')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => packTitles(page)).toEqual([EXAMPLES.english.title, EXAMPLES.french.title]);
    expect(await packIndex(root)).toEqual([pipUuid, lilaUuid]);
    await expect(lila.getByTestId('pack-up')).toBeFocused();

    // Hidden: off the box's list, its folder set aside; shown again, back in the list.
    await pip.getByTestId('pack-hide').click();
    await expect(pip.getByTestId('pack-hidden')).toHaveText('Hidden');
    expect(await packIndex(root)).toEqual([lilaUuid]);
    expect(await packIndex(root, '.pi.hidden')).toEqual([pipUuid]);
    expect(existsSync(join(root, '.content.hidden', pipFolder))).toBe(true);
    expect(existsSync(join(root, '.content', pipFolder))).toBe(false);
    await expect(card.getByTestId('box-pack-count')).toHaveText('1 story pack');
    await pip.getByTestId('pack-hide').click();
    await expect(pip.getByTestId('pack-hidden')).toHaveCount(0);
    expect((await packIndex(root)).sort()).toEqual([pipUuid, lilaUuid].sort());
    expect(await packIndex(root, '.pi.hidden')).toEqual([]);
    expect(existsSync(join(root, '.content', pipFolder))).toBe(true);

    // Night mode: a switch, and the box's `nm` file in the pack's folder.
    const night = lila.getByRole('checkbox', { name: `Night mode for “${EXAMPLES.french.title}”` });
    await night.check();
    await expect(lila.getByTestId('pack-night')).toBeVisible();
    await expect(night).toBeChecked();
    expect(existsSync(join(root, '.content', lilaFolder, 'nm'))).toBe(true);
    await night.uncheck();
    await expect(lila.getByTestId('pack-night')).toHaveCount(0);
    expect(existsSync(join(root, '.content', lilaFolder, 'nm'))).toBe(false);

    // Exported off the box as a STUdio zip, downloaded.
    const download = page.waitForEvent('download');
    await pip.getByTestId('pack-export').click();
    const zip = await download;
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const zipBytes = await readFile((await zip.path())!);
    expect(zipBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(page.getByTestId('export-done')).toContainText(zip.suggestedFilename());

    // Removed, after a question naming it.
    await pip.getByTestId('pack-remove').click();
    await expect(pip.getByTestId('pack-remove-question')).toHaveText(
      `Remove “${EXAMPLES.english.title}” from the box? A story from your library stays in your library.`,
    );
    await pip.getByTestId('pack-remove-cancel').click();
    expect(await packIndex(root)).toHaveLength(2);
    await pip.getByTestId('pack-remove').click();
    await pip.getByTestId('pack-remove-confirm').click();
    await expect(pip).toHaveCount(0);
    await expect.poll(() => packTitles(page)).toEqual([EXAMPLES.french.title]);
    expect(await packIndex(root)).toEqual([lilaUuid]);
    expect(existsSync(join(root, '.content', pipFolder))).toBe(false);
    await expect(card.getByTestId('box-pack-count')).toHaveText('1 story pack');
    expect(await leftovers(root)).toEqual([]);
  });
});

test('a Cancel while stories go on the box leaves the box as it was', async ({ page, app }) => {
  await withDeviceFolder(async (root) => {
    await makeFakeLuniiDevice(root, { family: 'v2', seed: 'devices-e2e-cancel' });
    await openLibrary(page, app);
    await openBoxes(page);
    await addFolder(page, root);
    await expect(boxCard(page, root).getByTestId('box-pack-count')).toHaveText('No story pack yet');

    // Why hold the request: so the Cancel surely comes while the job runs, however fast this machine copies.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/lunii.install', async (route) => {
      await held;
      await route.continue();
    });
    for (const title of [EXAMPLES.english.title, EXAMPLES.french.title]) {
      await storyRow(page, title).getByTestId('install-pick').check();
    }
    await page.getByTestId('install-button').click();
    const progress = page.getByTestId('install-progress');
    await expect(progress.getByRole('progressbar')).toBeVisible();
    const cancelled = page.waitForResponse('**/api/call/jobs.cancel');
    await progress.getByTestId('install-cancel').click();
    await cancelled;
    release();

    await expect(page.getByTestId('install-cancelled')).toHaveText(
      /Cancelled\. The box still works: nothing half-copied was left on it\./,
      { timeout: INSTALL_MS },
    );
    await expect(page.getByTestId('box-no-packs')).toBeVisible();
    expect(await packIndex(root)).toEqual([]);
    expect(await readdir(join(root, '.content'))).toEqual([]);
    expect(await leftovers(root)).toEqual([]);
  });
});

test('a folder that is not a box is refused in plain words and not kept', async ({ page, app }) => {
  await withDeviceFolder(async (root) => {
    // A folder with a pack list and content, but no `.md`: not a Lunii.
    await makeFakeLuniiDevice(root, { family: 'v2', seed: 'devices-e2e-no-md' });
    await rm(join(root, '.md'));
    await openLibrary(page, app);
    await openBoxes(page);
    await addFolder(page, root);

    const error = page.getByTestId('folder-error');
    await expect(error).toContainText(`The folder ${root} cannot be used as a box.`);
    await expect(error.getByTestId('folder-error-message')).toContainText('.md');
    await expect(error.getByTestId('folder-error-message')).not.toContainText('Something went wrong');
    await expect(page.getByTestId('folder-list')).toHaveCount(0);
    await expect(boxCard(page, root)).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('talemo.boxFolders'))).toBeNull();
  });
});

test('what Talemo tidied on a box after an interrupted transfer is said in plain words', async ({
  page,
  app,
}) => {
  await withDeviceFolder(async (root) => {
    await makeFakeLuniiDevice(root, { family: 'v2', seed: 'devices-repair' });
    // Left by a transfer cut short: a pack listed whose files never arrived, and an unfinished copy.
    const lost = '0c0ffee0-1234-4abc-8def-00000000ab12';
    await writeFile(join(root, '.pi'), Buffer.from(lost.replaceAll('-', ''), 'hex'));
    await mkdir(join(root, '.content', '.talemo-tmp-0000AB12'), { recursive: true });

    await openLibrary(page, app);
    await openBoxes(page);
    await addFolder(page, root);
    const repairs = page.getByTestId('box-repairs');
    await expect(repairs).toContainText('Talemo tidied up after an interrupted transfer');
    await expect(repairs.getByTestId('box-repair')).toHaveText([
      'An unfinished copy by Talemo was removed.',
      'Unknown pack 0000AB12 was listed on the box but its files were missing: taken off the list.',
    ]);
    expect(await packIndex(root)).toEqual([]);
    expect(await leftovers(root)).toEqual([]);

    // Told once: dismissed, and not again after a reload (the box is tidy now).
    await repairs.getByTestId('box-repairs-dismiss').click();
    await expect(page.getByTestId('box-repairs')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('box-detail')).toBeVisible();
    await expect(page.getByTestId('box-repairs')).toHaveCount(0);
  });
});
