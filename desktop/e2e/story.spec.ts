import type { StoryGraph } from '../../device-bridge/pack/story-graph';
import { EXAMPLES, expect, node, openLibrary, openStory, storyCard, test } from './fixtures';

test('a story reads from the cover in order, with its choice, pictures and sounds', async ({ page, app }) => {
  await openStory(page, app, EXAMPLES.french.title);

  const shown = await page
    .locator('[data-testid="nodes"] > article')
    .evaluateAll((items) =>
      items.map((item) =>
        item.getAttribute('data-testid') === 'choice'
          ? 'choice'
          : (item.querySelector('[data-testid="node-name"]')?.textContent ?? ''),
      ),
    );
  expect(shown).toEqual([
    'Lila et la rivière qui chante',
    'La chanson',
    'Quel chemin ?',
    'choice',
    'La forêt',
    'Dans la forêt',
    'La rivière',
    'Au bord de la rivière',
  ]);

  const choice = page.getByTestId('choice');
  await expect(choice.getByTestId('choice-option')).toHaveText(['La forêt', 'La rivière']);
  await choice.getByTestId('choice-option').nth(1).click();
  await expect(node(page, EXAMPLES.french.riverId)).toBeFocused();

  const cover = node(page, EXAMPLES.french.coverId);
  const picture = cover.getByTestId('node-image');
  await expect(picture).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await cover.getByTestId('node-listen').click();
  const audio = cover.getByTestId('node-audio');
  await expect(audio).toHaveAttribute('src', /^blob:/);
  // The sound decodes: the browser knows how long it plays.
  await expect
    .poll(() =>
      audio.evaluate((element: HTMLAudioElement) =>
        Number.isFinite(element.duration) ? element.duration : 0,
      ),
    )
    .toBeGreaterThan(0);

  await expect(page.getByTestId('no-issues')).toBeVisible();
  await expect(page.getByTestId('node-issue')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/story.png', fullPage: true });
});

test('editing a node’s words is saved and still there after a reload', async ({ page, app }) => {
  await openStory(page, app, EXAMPLES.english.title);
  const burrow = node(page, EXAMPLES.english.burrowId);
  const words = 'Pip lived in a cosy burrow under the old oak, with a lantern by her bed.';

  await expect(burrow.getByTestId('node-save')).toBeDisabled();
  await burrow.getByTestId('node-text').fill(words);
  await burrow.getByTestId('node-save').click();
  await expect(burrow.getByTestId('node-saved')).toBeVisible();
  await expect(burrow.getByTestId('node-save')).toBeDisabled();

  await page.reload();
  await expect(page.getByTestId('story-title')).toHaveText(EXAMPLES.english.title);
  await expect(burrow.getByTestId('node-text')).toHaveValue(words);

  const [summary] = app.core.list({ language: 'en' });
  const { story } = app.core.get(summary!.id);
  expect(story.version).toBe(2);
  expect(story.graph.stages.find((stage) => stage.id === EXAMPLES.english.burrowId)?.text).toBe(words);
});

test('the story’s details can be changed and the library shows them', async ({ page, app }) => {
  await openStory(page, app, EXAMPLES.english.title);
  await page.getByTestId('meta-title').fill('Pip and the Moon Moth');
  await page.getByTestId('meta-tags').fill('bedtime, courage, moths');
  await page.getByTestId('meta-age').selectOption('0-3');
  await page.getByTestId('meta-save').click();
  await expect(page.getByTestId('meta-saved')).toBeVisible();
  await expect(page.getByTestId('story-title')).toHaveText('Pip and the Moon Moth');

  await page.getByTestId('back-to-library').click();
  const card = storyCard(page, 'Pip and the Moon Moth');
  await expect(card.getByTestId('story-card-tag')).toHaveText(['bedtime', 'courage', 'moths']);
  await expect(card.getByTestId('badge-age')).toHaveText('0–3 yrs');
});

test('a save over a newer version is refused with a clear message, and Reload shows the latest', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);
  const [summary] = app.core.list({ language: 'en' });
  // Someone else (another window, the CLI) saves first.
  app.core.update(summary!.id, 1, { summary: 'Changed in another window.' });

  const burrow = node(page, EXAMPLES.english.burrowId);
  await burrow.getByTestId('node-text').fill('My edit, made on an old copy.');
  await burrow.getByTestId('node-save').click();
  await expect(page.getByTestId('conflict-message')).toContainText('was changed somewhere else');

  // Nothing was overwritten.
  const { story } = app.core.get(summary!.id);
  expect(story.version).toBe(2);
  expect(story.graph.stages.find((stage) => stage.id === EXAMPLES.english.burrowId)?.text).not.toContain(
    'old copy',
  );

  await page.getByTestId('conflict-reload').click();
  await expect(page.getByTestId('conflict-message')).toHaveCount(0);
  await expect(page.getByTestId('meta-summary')).toHaveValue('Changed in another window.');
  await expect(burrow.getByTestId('node-text')).toHaveValue(/^Pip the mouse lived/);

  // Saving again, from the latest version, goes through.
  await burrow.getByTestId('node-text').fill('Second try, on the latest copy.');
  await burrow.getByTestId('node-save').click();
  await expect(burrow.getByTestId('node-saved')).toBeVisible();
  expect(app.core.get(summary!.id).story.version).toBe(3);
});

test('problems in a story’s graph are shown on the node they are about', async ({ page, app }) => {
  const stage = (id: string, name: string, extra: Partial<StoryGraph['stages'][number]>) => ({
    id,
    name,
    text: `${name}.`,
    image: null,
    audio: null,
    controls: { wheel: false, ok: true, home: true, pause: true, autoplay: true },
    ok: null,
    home: null,
    end: false,
    ...extra,
  });
  const graph: StoryGraph = {
    coverId: 'cover',
    stages: [
      stage('cover', 'Start', { kind: 'cover', ok: { action: 'go', optionIndex: 0 } }),
      stage('stuck', 'Stuck in the middle', {}),
      stage('lost', 'A lost page', { end: true }),
    ],
    actions: [{ id: 'go', name: 'go', options: ['stuck'] }],
  };
  app.core.create({ title: 'A broken story', language: 'en', graph });

  await openStory(page, app, 'A broken story');
  await expect(page.getByTestId('no-issues')).toHaveCount(0);
  await expect(node(page, 'stuck').getByTestId('node-issue')).toHaveAttribute('data-code', 'dead-end');
  await expect(node(page, 'stuck').getByTestId('node-issue')).toContainText('leads nowhere');
  const lost = page.getByTestId('unreachable').locator('[data-testid="node"][data-node-id="lost"]');
  await expect(lost.getByTestId('node-issue')).toHaveAttribute('data-code', 'unreachable');
  await expect(node(page, 'cover').getByTestId('node-issue')).toHaveCount(0);
});

test('deleting a story asks first, then removes it from the library', async ({ page, app }) => {
  await openStory(page, app, EXAMPLES.french.title);
  await page.getByTestId('delete-button').click();
  await page.getByTestId('delete-cancel').click();
  await expect(page.getByTestId('delete-confirm')).toHaveCount(0);
  expect(app.core.list()).toHaveLength(2);

  await page.getByTestId('delete-button').click();
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page.getByTestId('story-card')).toHaveCount(1);
  await expect(storyCard(page, EXAMPLES.french.title)).toHaveCount(0);
  expect(app.core.list().map((story) => story.title)).toEqual([EXAMPLES.english.title]);
});

test('an address to a story that is gone says so and leads back', async ({ page, app }) => {
  await openLibrary(page, app);
  await page.evaluate(() => {
    window.location.hash = '#/story/00000000-0000-4000-8000-000000000000';
  });
  await expect(page.getByTestId('story-error')).toHaveText('This story is no longer in your library.');
  await page.getByTestId('back-to-library').click();
  await expect(page.getByTestId('story-card')).toHaveCount(2);
});
