import { expect, openStory, test } from './fixtures';

const TEXT =
  "Bonjour, je m'appelle Inès Moreau et j'habite au 14 rue des Coquelicots. Appelle maman au 06 71 42 88 15 !";

test('a story with personal data is flagged, cannot be exported until a parent approves, and the approval is kept', async ({
  page,
  app,
}) => {
  const { story } = await app.core.addText({ title: 'Mon doudou', text: TEXT, language: 'fr' });
  await openStory(page, app, 'Mon doudou');

  const panel = page.getByTestId('moderation-flagged');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('cannot go on a box until a parent approves');
  const phone = panel.getByTestId('moderation-finding').filter({ hasText: '06 •• •• •• 15' });
  await expect(phone).toHaveAttribute('data-category', 'personal-data');
  await expect(phone).toContainText('Personal details');
  await expect(phone).toContainText('Serious');
  // The number is masked wherever the page shows it as text; only the words' own edit box holds it.
  await expect(panel).not.toContainText('71 42 88');
  expect(await page.evaluate(() => document.body.innerText)).not.toContain('71 42 88');

  // Nothing claims the story can go on a box while it waits for a parent.
  await expect(page.getByTestId('no-issues')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/moderation.png', fullPage: true });

  // A finding leads to the page it is on.
  await phone.getByRole('button').click();
  const pageId = app.core.get(story.id).story.graph.stages.find((stage) => stage.kind !== 'cover')!.id;
  await expect(page.locator(`[data-testid="node"][data-node-id="${pageId}"]`)).toBeFocused();

  // Export is refused, in words a parent can read.
  await page.getByTestId('export-button').click();
  const refusal = page.getByTestId('story-error');
  await expect(refusal).toHaveText(
    'The story check found 3 passages to review: a parent reads them on the story’s page and approves it before it goes on a box.',
  );

  // Approving needs a reason.
  await panel.getByTestId('moderation-approve').click();
  await expect(panel.getByTestId('moderation-approve-confirm')).toBeDisabled();
  await panel.getByTestId('moderation-approve-reason').fill('Our own number: the story stays at home');
  await panel.getByTestId('moderation-approve-confirm').click();
  const approved = page.getByTestId('moderation-approved');
  await expect(approved).toContainText('Approved by a parent on');
  await expect(approved).toContainText('Our own number: the story stays at home');
  await expect(approved).toBeFocused();
  await expect(page.getByTestId('moderation-flagged')).toHaveCount(0);
  await expect(refusal).toHaveCount(0);
  await expect(page.getByTestId('no-issues')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByTestId('story-notice')).toContainText('Saved as');

  await page.reload();
  await expect(page.getByTestId('story-title')).toHaveText('Mon doudou');
  await expect(page.getByTestId('moderation-approved')).toContainText(
    'Our own number: the story stays at home',
  );
  await expect(page.getByTestId('moderation-flagged')).toHaveCount(0);
});

test('a story moderation finds nothing in shows no moderation panel', async ({ page, app }) => {
  await app.core.addText({
    title: 'Le petit nuage',
    text: 'Un petit nuage danse dans le ciel bleu.',
    language: 'fr',
  });
  await openStory(page, app, 'Le petit nuage');
  await expect(page.getByTestId('no-issues')).toBeVisible();
  await expect(page.getByTestId('moderation-flagged')).toHaveCount(0);
  await expect(page.getByTestId('moderation-approved')).toHaveCount(0);
});
