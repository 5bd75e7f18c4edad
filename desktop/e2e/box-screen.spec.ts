/**
 * A page as the box's screen shows it: the cover's picture at the box's 320 × 240 in 16 colours,
 * and for a page with no picture the title card Talemo draws, which a parent may keep.
 */
import { photoLike, pngFile } from '../../device-bridge/image/make-test-images';
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

test('a parent gives a page a picture from a file, sees it as the box will, and takes it off again', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);
  const burrow = node(page, EXAMPLES.english.burrowId);
  await expect(burrow.getByTestId('node-image')).toHaveCount(0);

  // Not a picture: refused with the file's name, and the page stays as it was.
  await burrow.getByTestId('page-picture-file').setInputFiles({
    name: 'shopping-list.txt',
    mimeType: 'image/png',
    buffer: Buffer.from('eggs, milk, bread'),
  });
  await expect(page.getByTestId('story-error')).toContainText('shopping-list.txt');
  await expect(burrow.getByTestId('node-image')).toHaveCount(0);

  const photo = pngFile(400, 300, photoLike(400, 300, 5));
  await burrow.getByTestId('page-picture-file').setInputFiles({
    name: 'burrow.png',
    mimeType: 'image/png',
    buffer: Buffer.from(photo),
  });
  await expect(burrow.getByTestId('node-image')).toBeVisible();
  await expect(burrow.getByTestId('page-picture-choose')).toHaveText('Change the picture…');
  await burrow.getByTestId('box-screen-show').click();
  await expect(burrow.getByTestId('box-screen')).toHaveAttribute('data-kind', 'picture');
  const [summary] = app.core.list({ language: 'en' });
  const stage = () =>
    app.core.get(summary!.id).story.graph.stages.find((s) => s.id === EXAMPLES.english.burrowId)!;
  expect(stage().image).toMatchObject({ mime: 'image/png' });

  await burrow.getByTestId('page-picture-remove').click();
  await expect(burrow.getByTestId('node-image')).toHaveCount(0);
  await expect(burrow.getByTestId('box-screen')).toHaveAttribute('data-kind', 'title-card');
  expect(stage().image).toBeNull();
});
