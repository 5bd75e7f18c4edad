import { EXAMPLES, expect, openLibrary, storyCard, test } from './fixtures';

test('the library shows the two example stories, French and English side by side', async ({ page, app }) => {
  await openLibrary(page, app);
  const cards = page.getByTestId('story-card');
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('result-count')).toHaveText('2 stories');

  const english = storyCard(page, EXAMPLES.english.title);
  await expect(english.getByTestId('badge-language')).toHaveText('English');
  await expect(english.getByTestId('badge-age')).toHaveText('4–6 yrs');
  await expect(english.getByTestId('story-card-summary')).toContainText('afraid of the dark');
  await expect(english.getByTestId('story-card-tag')).toHaveText(['bedtime', 'courage', 'animals']);

  const french = storyCard(page, EXAMPLES.french.title);
  await expect(french.getByTestId('badge-language')).toHaveText('French');
  await expect(french.getByTestId('story-card-summary')).toContainText('petite renarde');
  await expect(french.getByTestId('story-card-tag')).toHaveText(['aventure', 'nature', 'choix']);

  // Covers come through the contract as bytes and show as decoded blob: images.
  for (const card of [english, french]) {
    const cover = card.getByTestId('story-card-cover');
    await expect(cover).toHaveAttribute('src', /^blob:/);
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }

  await page.screenshot({ path: 'test-results/library.png', fullPage: true });
});

test('search finds the story a keyword is in, and filters narrow the list', async ({ page, app }) => {
  await openLibrary(page, app);
  const cards = page.getByTestId('story-card');
  const search = page.getByTestId('search-input');

  await search.fill('moth');
  await expect(cards).toHaveCount(1);
  await expect(cards.getByTestId('story-card-title')).toHaveText(EXAMPLES.english.title);
  await expect(cards.getByTestId('story-card-snippet').locator('mark').first()).toHaveText(/moth/i);

  // A word found only in one branch of the French story, typed without its accent.
  await search.fill('ecureuil');
  await expect(cards).toHaveCount(1);
  await expect(cards.getByTestId('story-card-title')).toHaveText(EXAMPLES.french.title);

  await search.fill('dinosaure');
  await expect(page.getByTestId('library-no-results')).toBeVisible();
  await expect(cards).toHaveCount(0);

  await page.getByTestId('clear-filters').click();
  await expect(search).toHaveValue('');
  await expect(cards).toHaveCount(2);

  await page.getByTestId('filter-language').selectOption('fr');
  await expect(cards).toHaveCount(1);
  await expect(cards.getByTestId('story-card-title')).toHaveText(EXAMPLES.french.title);

  // A search keeps the filters: the English story's word finds nothing among French stories.
  await search.fill('moth');
  await expect(page.getByTestId('library-no-results')).toBeVisible();
  await page.getByTestId('filter-language').selectOption('');
  await expect(cards).toHaveCount(1);
  await search.fill('');

  await page.getByTestId('filter-tag').selectOption('bedtime');
  await expect(cards).toHaveCount(1);
  await expect(cards.getByTestId('story-card-title')).toHaveText(EXAMPLES.english.title);

  await page.getByTestId('filter-tag').selectOption('');
  await page.getByTestId('filter-age').selectOption('7-9');
  await expect(page.getByTestId('library-no-results')).toBeVisible();
  await page.getByTestId('filter-age').selectOption('4-6');
  await expect(cards).toHaveCount(2);
});

test('the length filter leaves out stories that play too long', async ({ page, app }) => {
  app.core.create({ title: 'The very long journey', language: 'en', durationSec: 45 * 60 });
  await openLibrary(page, app);
  const cards = page.getByTestId('story-card');
  await expect(cards).toHaveCount(3);
  await expect(storyCard(page, 'The very long journey').getByTestId('badge-duration')).toHaveText('45 min');

  await page.getByTestId('filter-duration').selectOption('5');
  await expect(cards).toHaveCount(2);
  await expect(storyCard(page, 'The very long journey')).toHaveCount(0);
  await page.getByTestId('filter-duration').selectOption('60');
  await expect(cards).toHaveCount(3);
});
