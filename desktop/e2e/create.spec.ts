import { expect, openLibrary, test } from './fixtures';

test('the Create page without a drafting model says so and leads to the models page', async ({
  page,
  app,
}) => {
  // The server picks its model from TALEMO_LLM_MODEL first: without it, and with none installed, there is none.
  const previous = process.env.TALEMO_LLM_MODEL;
  delete process.env.TALEMO_LLM_MODEL;
  try {
    await openLibrary(page, app);
    await page.getByRole('button', { name: 'Create a story' }).click();
    await expect(page.getByTestId('create-view')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Create a story', level: 2 })).toBeFocused();
    expect(new URL(page.url()).hash).toBe('#/create');

    // "Describe it" needs words before it can write.
    await expect(page.getByRole('tab', { name: 'Describe it' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('draft-write')).toBeDisabled();
    await expect(page.getByTestId('draft-needs')).toBeVisible();

    // The tabs answer the arrow keys, as tabs do.
    await page.getByRole('tab', { name: 'Describe it' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Fabrique' })).toBeFocused();
    await expect(page.getByTestId('fabrique')).toBeVisible();

    await page.getByTestId('pick-hero').getByRole('button', { name: 'panda' }).click();
    await page.getByTestId('pick-place').getByRole('button', { name: 'igloo' }).click();
    await page.getByTestId('pick-object').getByRole('button', { name: 'radio' }).click();
    await expect(page.getByTestId('draft-write')).toBeDisabled(); // still no theme
    await page.getByTestId('pick-theme-other').fill('la gentillesse');
    await expect(page.getByTestId('pick-hero').getByRole('button', { name: 'panda' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.getByTestId('draft-language').selectOption('fr');
    await page.getByTestId('draft-choices').selectOption('1');
    await page.getByTestId('draft-write').click();

    const notice = page.getByTestId('no-model');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('No story-writing model is installed yet');
    await page.screenshot({ path: 'test-results/create.png', fullPage: true });

    await notice.getByRole('button', { name: 'Go to the AI models' }).click();
    await expect(page.getByTestId('models-view')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'AI models', level: 2 })).toBeFocused();

    // Back on the Create page, the picks are still there.
    await page.goBack();
    await expect(page.getByTestId('create-view')).toBeVisible();
    await expect(page.getByTestId('pick-theme-other')).toHaveValue('la gentillesse');
  } finally {
    if (previous !== undefined) process.env.TALEMO_LLM_MODEL = previous;
  }
});

test('talking it through without a model says so too', async ({ page, app }) => {
  const previous = process.env.TALEMO_LLM_MODEL;
  delete process.env.TALEMO_LLM_MODEL;
  try {
    await openLibrary(page, app);
    await page.getByTestId('create-story').click();
    await page.getByRole('tab', { name: 'Talk it through' }).click();
    await expect(page.getByTestId('chat-use')).toBeDisabled();
    await page.getByTestId('chat-input').fill('Ma fille adore les pandas');
    await page.getByTestId('chat-input').press('Enter');
    await expect(page.getByTestId('no-model')).toBeVisible();
    // The message is given back, ready to send once a model is installed.
    await expect(page.getByTestId('chat-input')).toHaveValue('Ma fille adore les pandas');
    await expect(page.getByTestId('chat-message')).toHaveCount(0);
  } finally {
    if (previous !== undefined) process.env.TALEMO_LLM_MODEL = previous;
  }
});

test('a story written by hand starts from a title alone, with no model, in the language picked', async ({
  page,
  app,
}) => {
  await openLibrary(page, app);
  await page.getByTestId('create-story').click();
  const blank = page.getByTestId('blank-story');
  await expect(blank.getByTestId('blank-story-start')).toBeDisabled(); // a title first
  await page.getByTestId('draft-language').selectOption('fr');
  await page.getByTestId('draft-age').selectOption('7-9');
  await blank.getByTestId('blank-story-name').fill('Le petit phare');
  await blank.getByTestId('blank-story-name').press('Enter');

  await expect(page.getByTestId('story-title')).toHaveText('Le petit phare');
  const id = (await page.getByTestId('story-view').getAttribute('data-story-id'))!;
  expect(new URL(page.url()).hash).toBe(`#/story/${id}`);
  const { story } = app.core.get(id);
  expect(story).toMatchObject({
    title: 'Le petit phare',
    language: 'fr',
    ageRange: '7-9',
    aiGenerated: false,
  });
  // A cover and one empty page to write on, ready for the map.
  expect(story.graph.stages).toHaveLength(2);
  await expect(page.getByTestId('node-text')).toHaveCount(2);
});
