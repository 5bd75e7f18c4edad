import { TEST_STORIES } from '../../models/dedupe/test-stories';
import type { WebServer } from '../web/web-server';
import { expect, openLibrary, openStory, storyCard, test } from './fixtures';

/** A shy dragon at school, its retelling (a near-copy), and another dragon story (not one). */
async function addDragonStories(app: { core: Pick<WebServer['core'], 'addText'> }): Promise<void> {
  await app.core.addText({ title: 'Ember at school', text: TEST_STORIES.dragonSchool, language: 'en' });
  await app.core.addText({
    title: 'Ember retold',
    text: TEST_STORIES.dragonSchoolParaphrase,
    language: 'en',
  });
  await app.core.addText({ title: 'Bramble', text: TEST_STORIES.dragonMountains, language: 'en' });
}

test('a story that copies another says so, with the passages, until a parent says it is not a duplicate', async ({
  page,
  app,
}) => {
  await addDragonStories(app);

  await openStory(page, app, 'Ember retold');
  const similar = page.getByTestId('similar-stories');
  await expect(similar).toBeVisible();
  const match = similar.getByTestId('similar-story');
  await expect(match).toHaveCount(1); // the other shy dragon is a different story
  await expect(match).toContainText('Ember at school');
  await expect(match).toContainText(/\d+% alike/);
  await expect(match.locator('blockquote')).toContainText('Here:');
  await page.screenshot({ path: 'test-results/similar.png', fullPage: true });

  // The link opens the original, which is flagged the other way round.
  await match.getByRole('button', { name: 'Ember at school' }).click();
  await expect(page.getByTestId('story-title')).toHaveText('Ember at school');
  await expect(page.getByTestId('similar-story')).toContainText('Ember retold');

  await page.getByTestId('not-duplicate').click();
  await expect(page.getByTestId('not-duplicate-confirm')).toBeDisabled(); // a reason is needed
  await page.getByTestId('not-duplicate-reason').fill('A retelling for the older class');
  await page.getByTestId('not-duplicate-confirm').click();
  await expect(page.getByTestId('similar-stories')).toHaveCount(0);

  // Kept: after a reload, and from the other story too.
  await page.reload();
  await expect(page.getByTestId('story-title')).toHaveText('Ember at school');
  await expect(page.getByTestId('no-issues')).toBeVisible();
  await expect(page.getByTestId('similar-stories')).toHaveCount(0);
  await openStory(page, app, 'Ember retold');
  await expect(page.getByTestId('no-issues')).toBeVisible();
  await expect(page.getByTestId('similar-stories')).toHaveCount(0);
  expect(app.core.overrides.list()).toMatchObject([{ reason: 'A retelling for the older class' }]);
});

test('the search box finds a story by meaning when no word matches exactly', async ({ page, app }) => {
  await app.core.addText({ title: 'Rosa and the moon', text: TEST_STORIES.moonBalloon, language: 'en' });
  await openLibrary(page, app);
  await page.getByTestId('search-input').fill('baloon');
  await expect(page.getByTestId('story-card')).toHaveCount(1);
  await expect(storyCard(page, 'Rosa and the moon')).toBeVisible();
  await expect(page.getByTestId('story-card-snippet')).toContainText('Every evening Rosa');
});

test('the library grid warns on both cards of a near-copy, opens the other, and forgets a pair a parent clears', async ({
  page,
  app,
}) => {
  await addDragonStories(app);
  await openLibrary(page, app);

  // Both cards of the pair say so, each naming the other; a story on the same theme does not.
  const original = storyCard(page, 'Ember at school');
  const copy = storyCard(page, 'Ember retold');
  await expect(original.getByTestId('card-duplicate')).toHaveCount(1);
  await expect(original.getByTestId('card-duplicate')).toContainText('Looks like Ember retold');
  await expect(original.getByTestId('card-duplicate')).toContainText(/\d+% alike/);
  await expect(copy.getByTestId('card-duplicate')).toContainText('Looks like Ember at school');
  await expect(storyCard(page, 'Bramble').getByTestId('card-duplicates')).toHaveCount(0);
  await expect(page.getByTestId('card-duplicates')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/library-duplicates.png', fullPage: true });

  // The link opens the other story, not the card's own.
  await copy.getByRole('button', { name: /^Open “Ember at school”, the story/ }).click();
  await expect(page.getByTestId('story-title')).toHaveText('Ember at school');

  await openLibrary(page, app);
  const warning = storyCard(page, 'Ember retold').getByTestId('card-duplicate');
  await warning.getByTestId('card-not-duplicate').click();
  await expect(warning.getByTestId('card-not-duplicate-confirm')).toBeDisabled(); // a reason is needed
  await warning.getByTestId('card-not-duplicate-reason').fill('A retelling for the older class');
  await warning.getByTestId('card-not-duplicate-confirm').click();
  await expect(page.getByTestId('card-duplicates')).toHaveCount(0);

  await page.reload();
  await expect(storyCard(page, 'Ember retold')).toBeVisible();
  await expect(page.getByTestId('story-card')).toHaveCount(5);
  await expect(page.getByTestId('card-duplicates')).toHaveCount(0);
  expect(app.core.overrides.list()).toMatchObject([{ reason: 'A retelling for the older class' }]);
});
