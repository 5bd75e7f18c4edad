/**
 * A parent's evening, in one run of the real app: a story drafted with the Fabrique picture
 * cards (the tiny real model: nonsense words, the real llama.cpp path), read aloud by the
 * computer voice, flagged as a near-copy when a second version of it comes in, put on a
 * simulated Lunii (a folder laid out like the box's disk), then heard in Mode Conte with the
 * child's wheel and OK, following its choice to an end. Each step starts from what the one
 * before left, as a parent would meet it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { makeFakeLuniiDevice } from '../../device-bridge/formats/lunii/fake-lunii-device';
import { SHARED_MODEL_TAG } from '../../models/shared-models';
import { expect, test } from './fixtures';
import { openFabrique, useTinyDraftingModel } from './tiny-drafting-model';

useTinyDraftingModel();
// Drafting, reading aloud, compiling for the box and playing: minutes on 2 cores.
test.setTimeout(600_000);
const STEP_MS = 180_000;

test(`a parent drafts a Fabrique story, narrates it, is warned of a near-copy, puts it on a Lunii and plays it in Mode Conte ${SHARED_MODEL_TAG}`, async ({
  page,
  app,
}) => {
  // 1. Draft with the picture cards, one choice in the story, and keep it.
  await openFabrique(page, app);
  await page.getByTestId('draft-choices').selectOption('1');
  await page.getByTestId('draft-write').click();
  const result = page.getByTestId('draft-result');
  await expect(result).toBeVisible({ timeout: STEP_MS });
  const title = (await result.getByTestId('draft-title').textContent())!.trim();
  await result.getByTestId('draft-keep').click();
  await expect(page.getByTestId('story-title')).toHaveText(title);
  const storyId = (await page.getByTestId('story-view').getAttribute('data-story-id'))!;
  const drafted = app.core.get(storyId).story;
  expect(drafted.graph.actions.some((action) => action.options.length >= 2)).toBe(true);

  // A draft the checks flag cannot go on a box until a parent approves it, with a reason.
  if (app.core.moderationReport(storyId).status === 'flagged') {
    const flagged = page.getByTestId('moderation-flagged');
    await flagged.getByTestId('moderation-approve').click();
    await flagged.getByTestId('moderation-approve-reason').fill('Read it through: fine for our child');
    await flagged.getByTestId('moderation-approve-confirm').click();
    await expect(page.getByTestId('moderation-approved')).toBeVisible();
  }

  // 2. Read aloud by the computer voice: every page gets its own sound.
  const narration = page.getByTestId('narration-panel');
  await narration.getByTestId('narration-read').click();
  await expect(narration.getByTestId('narration-summary')).toBeVisible({ timeout: STEP_MS });
  const narrated = app.core.get(storyId).story;
  // Pages with words a voice can say (the model may write a page of only "…", left silent).
  const spoken = narrated.graph.stages.filter((stage) => /[\p{L}\p{N}]/u.test(stage.text));
  expect(spoken.length).toBeGreaterThan(0);
  for (const stage of spoken) expect(stage.audio, `sound of ${stage.name}`).not.toBeNull();

  // 3. A second version of the same words comes in (a relative's copy): the guard says so, on
  // the copy's page and inline on both cards of the library.
  const words = narrated.graph.stages.map((stage) => stage.text).join('\n\n');
  await app.core.addText({ title: `${title} (copie)`, text: `${words}\n\nFin.`, language: 'fr' });
  await page.getByTestId('back-to-library').click();
  await expect(page.getByTestId('story-list')).toHaveAttribute('aria-busy', 'false');
  const copyCard = page
    .getByTestId('story-card')
    .filter({ has: page.getByTestId('story-card-title').getByText(`${title} (copie)`, { exact: true }) });
  await expect(copyCard.getByTestId('card-duplicate')).toContainText(title);
  await copyCard.getByTestId('story-card-title').click();
  await expect(page.getByTestId('similar-story')).toContainText(title);

  // 4. Onto a simulated Lunii: added by its folder, the story ticked, "Safe to unplug" at the end.
  const dir = resolve(await mkdtemp(join(tmpdir(), 'talemo-journey-box-')));
  try {
    await makeFakeLuniiDevice(dir, { family: 'v2', seed: 'parent-journey' });
    await page.getByTestId('topbar-devices').click();
    await page.getByTestId('folder-input').fill(dir);
    await page.getByTestId('folder-add').click();
    await expect(page.locator(`[data-testid="box-card"][data-root="${dir}"]`)).toBeVisible();
    // The draft itself, not its copy (whose title starts the same).
    await page
      .locator(`[data-testid="install-story"][data-story-id="${storyId}"]`)
      .getByTestId('install-pick')
      .check();
    await page.getByTestId('install-button').click();
    await expect(page.getByTestId('install-safe')).toHaveText('✓ Safe to unplug', { timeout: STEP_MS });
    const info = await app.core.lunii.info(dir);
    expect(info.packs.map((pack) => pack.title)).toContain(title);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // 5. Heard as the child will: Mode Conte, OK on the cover, the pages play on by themselves
  // until the choice, the wheel turns to the second option, OK, and the story reaches an end.
  await page.evaluate((id) => (window.location.hash = `#/story/${id}`), storyId);
  await expect(page.getByTestId('story-title')).toHaveText(title);
  await page.getByTestId('play-button').click();
  await page.getByTestId('conte-toggle').click();
  const conte = page.getByTestId('conte-screen');
  await expect(conte.getByTestId('player-ok')).toBeFocused();
  await page.keyboard.press('Enter');
  const said = conte.getByTestId('conte-announcement');
  await expect(said).toHaveText(/^Choice 1 of \d+: /, { timeout: STEP_MS });
  await page.keyboard.press('ArrowRight');
  await expect(said).toHaveText(/^Choice 2 of \d+: /);
  const chosen = (await said.textContent())!.replace(/^Choice 2 of \d+: /, '');
  await page.keyboard.press('Enter');
  await expect(said).toHaveText('The end. The box goes back to its menu.', { timeout: STEP_MS });
  await conte.getByTestId('conte-exit').click();
  await expect(page.getByTestId('player-path').locator('li')).toContainText([chosen]);
});
