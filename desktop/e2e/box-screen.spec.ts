/**
 * A page as the box's screen shows it: the cover's picture at the box's 320 × 240 in 16 colours,
 * and for a page with no picture the title card Talemo draws, which a parent may keep.
 */
import { EXAMPLES, expect, node, openStory, test } from './fixtures';

test('a page shows what the box screen will show, and a page without a picture can keep its title card', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);

  const cover = node(page, EXAMPLES.english.coverId);
  await cover.getByTestId('box-screen-show').click();
  const coverScreen = cover.getByTestId('box-screen');
  await expect(coverScreen).toHaveAttribute('data-kind', 'picture');
  const coverImage = coverScreen.getByTestId('box-screen-image');
  await expect(coverImage).toHaveAccessibleName(/^What the box screen shows for /);
  await expect
    .poll(() => coverImage.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight]))
    .toEqual([320, 240]);
  await expect(coverScreen.getByTestId('box-screen-keep')).toHaveCount(0);

  const burrow = node(page, EXAMPLES.english.burrowId);
  await expect(burrow.getByTestId('node-image')).toHaveCount(0);
  await burrow.getByTestId('box-screen-show').click();
  const card = burrow.getByTestId('box-screen');
  await expect(card).toHaveAttribute('data-kind', 'title-card');
  await expect(card).toContainText('No picture on this page: the box will show this card');
  await card.getByTestId('box-screen-keep').click();

  // Kept: the page now has the card as its picture, on screen and in the library.
  await expect(burrow.getByTestId('node-image')).toBeVisible();
  await expect(card).toHaveAttribute('data-kind', 'picture');
  const [summary] = app.core.list({ language: 'en' });
  const stage = app.core.get(summary!.id).story.graph.stages.find((s) => s.id === EXAMPLES.english.burrowId)!;
  expect(stage.image).toMatchObject({ mime: 'image/png' });
  await page.reload();
  await expect(node(page, EXAMPLES.english.burrowId).getByTestId('node-image')).toBeVisible();
});
