/**
 * The UI speaks the system's language (French for any fr-*, else English) and the FR | EN
 * switch in the top bar changes it, remembered across reloads.
 */
import { EXAMPLES, expect, openLibrary, storyCard, test } from './fixtures';

test.describe('on a French system', () => {
  test.use({ locale: 'fr-FR' });

  test('the library opens in French, and the switch turns it to English for good', async ({ page, app }) => {
    await openLibrary(page, app);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { name: 'Vos histoires' })).toBeVisible();
    await expect(page.getByTestId('create-story')).toContainText('Créer une histoire');
    await expect(page.getByTestId('result-count')).toHaveText('2\u00a0histoires');
    await expect(page.getByTestId('topbar-devices')).toContainText('Boîtes');
    const english = storyCard(page, EXAMPLES.english.title);
    await expect(english.getByTestId('badge-age')).toHaveText('4–6\u00a0ans');
    await expect(english.getByTestId('badge-language')).toHaveText(/^anglais$/i);
    await expect(page.getByTestId('language-fr')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('group', { name: 'Langue de Talemo' })).toBeVisible();
    await page.screenshot({ path: 'test-results/language-fr.png' });

    await page.getByTestId('language-en').click();
    await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('create-story')).toContainText('Create a story');
    await expect(page.getByTestId('result-count')).toHaveText('2 stories');
    await expect(english.getByTestId('badge-language')).toHaveText('English');
    await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');

    // The choice outlives a reload, though the system still says French.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
    await expect(page.getByTestId('story-list')).toHaveAttribute('aria-busy', 'false');
  });

  test('a story page stays open through the switch, with its words in the new language', async ({
    page,
    app,
  }) => {
    await openLibrary(page, app);
    await storyCard(page, EXAMPLES.french.title).getByTestId('story-card-title').click();
    await expect(page.getByTestId('story-title')).toHaveText(EXAMPLES.french.title);
    await expect(page.getByText('L’histoire, étape par étape')).toBeVisible();

    await page.getByTestId('language-en').click();
    await expect(page.getByText('The story, step by step')).toBeVisible();
    await expect(page.getByTestId('story-title')).toHaveText(EXAMPLES.french.title);
  });
});

test.describe('on an English system', () => {
  test.use({ locale: 'en-GB' });

  test('the library opens in English, and the switch turns it to French', async ({ page, app }) => {
    await openLibrary(page, app);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
    await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('language-fr').click();
    await expect(page.getByRole('heading', { name: 'Vos histoires' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('open-models')).toContainText('Modèles d’IA');
  });
});
