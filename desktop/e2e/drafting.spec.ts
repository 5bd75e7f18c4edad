/**
 * Drafting in the browser with the tiny real model (random weights, the real llama.cpp path):
 * what it writes is nonsense, but it streams, stops, finishes, is moderated and saved the way a
 * real model's draft is (see tiny-drafting-model.ts).
 */
import type { Page } from '@playwright/test';

import { SHARED_MODEL_TAG } from '../../models/shared-models';
import { expect, openLibrary, storyCard, test } from './fixtures';
import { openFabrique, useTinyDraftingModel } from './tiny-drafting-model';

useTinyDraftingModel();
// Loading the model in its worker takes a few seconds per test (each test has its own server).
test.setTimeout(180_000);
const DRAFT_TIMEOUT = 120_000;

/** Counts the preview paragraphs the page ever showed: a fast draft may come and go between two polls. */
async function watchPreview(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const seen = { paragraphs: 0 };
    Object.assign(window, { previewSeen: seen });
    new MutationObserver(() => {
      const shown = document.querySelectorAll('[data-testid="draft-preview-paragraph"]').length;
      seen.paragraphs = Math.max(seen.paragraphs, shown);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { previewSeen: { paragraphs: number } }).previewSeen.paragraphs,
    );
}

test(`a Fabrique draft forms live, is checked, kept, opened and listed ${SHARED_MODEL_TAG}`, async ({
  page,
  app,
}) => {
  const before = app.core.list().length;
  await openFabrique(page, app);
  await page.getByTestId('draft-choices').selectOption('1');
  const previewed = await watchPreview(page);
  await page.getByTestId('draft-write').click();

  // At once: progress and a Stop, then the draft as it forms.
  await expect(page.getByTestId('draft-progress')).toBeVisible();
  await expect(page.getByTestId('draft-stop')).toBeFocused();
  const result = page.getByTestId('draft-result');
  await expect(result).toBeVisible({ timeout: DRAFT_TIMEOUT });
  expect(await previewed()).toBeGreaterThan(0);

  await expect(result.getByTestId('draft-title')).toBeFocused();
  const title = (await result.getByTestId('draft-title').textContent())!.trim();
  expect(title.length).toBeGreaterThan(0);
  await expect(result.getByTestId('draft-paragraph').first()).toBeVisible();
  await expect(result.getByTestId('draft-complete').or(result.getByTestId('draft-truncated'))).toBeVisible();
  const check = result.getByTestId('draft-moderation');
  await expect(check).toHaveAttribute('data-status', /^(ok|flagged)$/);
  if ((await check.getAttribute('data-status')) === 'ok')
    await expect(check).toContainText('Nothing to worry about');
  else await expect(check.getByTestId('moderation-finding').first()).toBeVisible();
  expect(app.core.list()).toHaveLength(before); // nothing saved yet
  await page.screenshot({ path: 'test-results/create-draft.png', fullPage: true });

  await result.getByTestId('draft-keep').click();
  await expect(page.getByTestId('story-view')).toBeVisible();
  const id = await page.getByTestId('story-view').getAttribute('data-story-id');
  expect(new URL(page.url()).hash).toBe(`#/story/${id}`);
  await expect(page.getByTestId('story-title')).toHaveText(title);
  await expect(page.getByTestId('story-title')).toBeFocused();
  await expect(page.getByTestId('ai-note')).toContainText('Written with AI');
  await expect(page.getByTestId('story-view').getByTestId('badge-ai')).toBeVisible();

  const { story } = app.core.get(id!);
  expect(story.aiGenerated).toBe(true);
  expect(story.language).toBe('fr');
  expect(story.ageRange).toBe('4-6');
  expect(story.aiProvenance).toMatchObject({ model: 'llama-2-tiny-random.gguf', mode: 'fabrique' });
  expect(story.aiProvenance).not.toHaveProperty('firstTokenMs');
  expect(story.aiProvenance).not.toHaveProperty('totalMs');

  await page.getByTestId('back-to-library').click();
  await expect(page.getByTestId('story-list')).toHaveAttribute('aria-busy', 'false');
  const card = page.locator(`[data-testid="story-card"][data-story-id="${id}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('badge-ai')).toBeVisible();
  await expect(storyCard(page, title)).toHaveCount(1);
  expect(app.core.list()).toHaveLength(before + 1);
});

test(`Stop mid-draft says nothing was saved, and Try again writes a new draft ${SHARED_MODEL_TAG}`, async ({
  page,
  app,
}) => {
  const before = app.core.list().length;
  await openFabrique(page, app);
  await page.getByTestId('draft-length').selectOption('long');
  await page.getByTestId('draft-choices').selectOption('2');
  await page.getByTestId('draft-write').click();

  const result = page.getByTestId('draft-result');
  const stopped = page.getByTestId('draft-stopped');
  const paragraph = page.getByTestId('draft-preview-paragraph').first();
  await expect(paragraph.or(result)).toBeVisible({ timeout: DRAFT_TIMEOUT });
  // The tiny model is fast: if the draft finished before the click lands, its result stands.
  await page
    .getByTestId('draft-stop')
    .click({ timeout: 2000 })
    .catch(() => undefined);
  await expect(stopped.or(result)).toBeVisible({ timeout: DRAFT_TIMEOUT });
  if (await stopped.isVisible()) {
    await expect(stopped).toContainText('Stopped. Nothing was saved.');
    expect(app.core.list()).toHaveLength(before);
    await stopped.getByTestId('draft-again').click();
    await expect(result).toBeVisible({ timeout: DRAFT_TIMEOUT });
  }

  // Try again: the same request, a new draft (a new job).
  const firstJob = await result.getAttribute('data-job-id');
  await result.getByTestId('draft-retry').click();
  await expect(page.locator('[data-testid="draft-result"]')).not.toHaveAttribute('data-job-id', firstJob!, {
    timeout: DRAFT_TIMEOUT,
  });
  await expect(result).toBeVisible({ timeout: DRAFT_TIMEOUT });
  await expect(result.getByTestId('draft-paragraph').first()).toBeVisible();
  expect(app.core.list()).toHaveLength(before);
});

test(`talking it through streams the helper's reply and fills in the Fabrique ${SHARED_MODEL_TAG}`, async ({
  page,
  app,
}) => {
  await openLibrary(page, app);
  await page.getByTestId('create-story').click();
  await page.getByRole('tab', { name: 'Talk it through' }).click();
  await page.getByTestId('draft-language').selectOption('fr');
  await page.getByTestId('chat-input').fill('Ma fille adore les pandas et les trains');
  await page.getByTestId('chat-send').click();

  await expect(page.getByTestId('chat-message').first()).toHaveAttribute('data-role', 'user');
  await expect(page.getByTestId('chat-job')).toBeVisible();
  await expect(page.locator('[data-testid="chat-message"][data-role="model"]')).toHaveCount(1, {
    timeout: DRAFT_TIMEOUT,
  });
  await expect(page.getByTestId('chat-job')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/create-chat.png', fullPage: true });

  await page.getByTestId('chat-use').click();
  await expect(page.getByTestId('fabrique-filled')).toBeVisible({ timeout: DRAFT_TIMEOUT });
  await expect(page.getByTestId('fabrique-filled')).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Fabrique' })).toHaveAttribute('aria-selected', 'true');
  // What the helper settled is the parent's own words now: no card is picked.
  await expect(page.locator('[data-testid="pick-card"][aria-pressed="true"]')).toHaveCount(0);
});
