import { TEST_STORIES } from '../../models/dedupe/test-stories';
import { expect, openLibrary, storyCard, test } from './fixtures';

test('the library grid warns on both cards of a near-copy, opens the other, and forgets a pair a parent clears', async ({
  page,
  app,
}) => {
  await app.core.addText({ title: 'Ember at school', text: TEST_STORIES.dragonSchool, language: 'en' });
  await app.core.addText({
    title: 'Ember retold',
    text: TEST_STORIES.dragonSchoolParaphrase,
    language: 'en',
  });
  await app.core.addText({ title: 'Bramble', text: TEST_STORIES.dragonMountains, language: 'en' });
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
