import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, openLibrary, test } from './fixtures';

test('the models page lists the catalogue by kind, with the recommendation for this computer', async ({
  page,
  app,
}) => {
  const { models, recommendation } = await app.core.shelf.list();
  await openLibrary(page, app);
  await page.getByRole('button', { name: 'AI models' }).click();
  await expect(page.getByTestId('models-view')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'AI models', level: 2 })).toBeFocused();

  for (const [kind, title] of [
    ['llm', 'Writing stories'],
    ['embedding', 'Search'],
    ['tts', 'Voices'],
    ['stt', 'Speech to text'],
  ] as const) {
    const group = page.getByTestId(`model-group-${kind}`);
    await expect(group.getByRole('heading', { level: 3 })).toHaveText(title);
    await expect(group.getByTestId('model-card')).toHaveCount(
      models.filter((model) => model.entry.kind === kind).length,
    );
  }

  const cards = page.getByTestId('model-card');
  await expect(cards).toHaveCount(models.length);
  // Nothing is installed in a fresh library: every model offers to install (nothing is downloaded here).
  await expect(page.getByTestId('model-install')).toHaveCount(models.length);
  await expect(page.getByTestId('model-installed')).toHaveCount(0);

  const first = models[0]!.entry;
  const card = cards.filter({ has: page.getByRole('heading', { name: first.name }) });
  await expect(card).toContainText(first.description);
  await expect(card).toContainText(first.licence);
  await expect(card).toContainText('French');
  await expect(card.getByTestId('model-download-size')).toHaveText(/\d+(\.\d)? (MB|GB)/);
  await expect(card.getByRole('button', { name: `Install ${first.name}` })).toBeVisible();

  await expect(page.getByTestId('models-hardware')).toContainText('This computer:');
  // Nothing installed here: drafting has no model unless TALEMO_LLM_MODEL names one.
  await expect(page.getByTestId('models-drafting')).toContainText(
    process.env.TALEMO_LLM_MODEL
      ? 'chosen by the TALEMO_LLM_MODEL setting'
      : 'No story-writing model is installed yet',
  );
  const advice = page.getByTestId('models-recommendation');
  await expect(advice).toContainText(recommendation.reason);
  if (recommendation.model) {
    await expect(advice).toContainText(`Recommended for this computer: ${recommendation.model.name}`);
    const recommended = page.locator(
      `[data-testid="model-card"][data-model-id="${recommendation.model.id}"]`,
    );
    await expect(recommended).toHaveClass(/is-recommended/);
    await expect(recommended.getByTestId('model-recommended')).toBeVisible();
    await expect(recommended.getByTestId('model-reason')).toHaveText(recommendation.reason);
    await expect(page.getByTestId('model-recommended')).toHaveCount(1);
  }
  await page.screenshot({ path: 'test-results/models.png', fullPage: true });
});

test('a stopped download offers to resume, and removing it asks first', async ({ page, app }) => {
  // What a stopped download leaves: the model's folder with a part file and no manifest.
  const id = 'whisper-tiny-q8';
  const folder = join(app.core.shelf.dir, id);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'tokenizer.json.part'), Buffer.alloc(3 * 1024 * 1024));

  await openLibrary(page, app);
  await page.getByTestId('open-models').click();
  const card = page.locator(`[data-testid="model-card"][data-model-id="${id}"]`);
  await expect(card.getByTestId('model-resume')).toHaveText('3 MB downloaded — Resume');

  await card.getByTestId('model-remove').click();
  const question = card.getByRole('alertdialog');
  await expect(question).toContainText('It frees 3 MB');
  await expect(card.getByTestId('model-remove-confirm')).toBeFocused();
  await card.getByTestId('model-remove-cancel').click();
  await expect(card.getByTestId('model-resume')).toBeVisible();

  await card.getByTestId('model-remove').click();
  await card.getByTestId('model-remove-confirm').click();
  await expect(card.getByTestId('model-install')).toBeVisible();
  await expect(card.getByTestId('model-resume')).toHaveCount(0);
  expect((await app.core.shelf.list()).models.find((model) => model.entry.id === id)?.resumableBytes).toBe(0);
});
