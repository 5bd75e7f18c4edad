import { EXAMPLES, expect, node, openLibrary, openStory, storyCard, test } from './fixtures';

test('a story exported as a STUdio zip imports back from the library as a new story', async ({
  page,
  app,
}, testInfo) => {
  await openStory(page, app, EXAMPLES.english.title);
  const originalId = await page.getByTestId('story-view').getAttribute('data-story-id');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  const pack = await download;
  expect(pack.suggestedFilename()).toMatch(/\.zip$/);
  const packPath = testInfo.outputPath(pack.suggestedFilename());
  await pack.saveAs(packPath);
  await expect(page.getByTestId('story-notice')).toContainText(pack.suggestedFilename());

  await page.getByTestId('back-to-library').click();
  await expect(page.getByTestId('story-card')).toHaveCount(2);
  await page.getByTestId('import-input').setInputFiles(packPath);
  await expect(page.getByTestId('import-done')).toContainText(EXAMPLES.english.title);
  // Same pack as a story already here: said plainly, and both are kept.
  await expect(page.getByTestId('import-duplicate')).toBeVisible();
  await expect(page.getByTestId('story-card')).toHaveCount(3);
  await expect(storyCard(page, EXAMPLES.english.title)).toHaveCount(2);

  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('story-title')).toHaveText(EXAMPLES.english.title);
  await expect(page.getByTestId('story-view')).not.toHaveAttribute('data-story-id', originalId!);
  await expect(node(page, EXAMPLES.english.burrowId).getByTestId('node-text')).toHaveValue(
    /^Pip the mouse lived under the roots/,
  );
  await expect(node(page, EXAMPLES.english.coverId).getByTestId('node-image')).toHaveAttribute(
    'src',
    /^blob:/,
  );
});

test('a file that is not a STUdio pack is refused with a readable message', async ({ page, app }) => {
  await openLibrary(page, app);
  await page.getByTestId('import-input').setInputFiles({
    name: 'holiday-photos.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('<html><script>alert(1)</script></html>\n'.repeat(50)),
  });
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Could not import holiday-photos.zip.');
  const message = (await error.getByTestId('import-error-message').textContent()) ?? '';
  expect(message.trim().length).toBeGreaterThan(10);
  expect(message).not.toMatch(/Something went wrong inside Talemo|HTTP \d+|undefined|\[object/);

  // Nothing was added, and the library still works.
  await expect(page.getByTestId('story-card')).toHaveCount(2);
  expect(app.core.list()).toHaveLength(2);
  await page.getByTestId('search-input').fill('moth');
  await expect(page.getByTestId('story-card')).toHaveCount(1);
});
