import { expect, openLibrary, test } from './fixtures';

test('opening the app without its key says where to find the right address', async ({ page, app }) => {
  await page.goto(`${app.origin}/`);
  await expect(page.getByTestId('no-token-message')).toContainText(
    'Open the address printed in the terminal (it carries a one-time key)',
  );
  await expect(page.getByTestId('library')).toHaveCount(0);
});

test('the key leaves the address bar, and a reload keeps working', async ({ page, app }) => {
  await openLibrary(page, app);
  expect(page.url()).not.toContain('token');
  await page.reload();
  await expect(page.getByTestId('story-card')).toHaveCount(2);
});
