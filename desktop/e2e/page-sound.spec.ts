/**
 * A page's sound on the story page: asked for with Listen, it plays with its waveform, the
 * outline of the real decoded sound, and the waveform moves the sound by click and keyboard.
 */
import { EXAMPLES, expect, node, openStory, test } from './fixtures';

test('a page’s sound plays with its waveform, which moves the sound by click and by keyboard', async ({
  page,
  app,
}) => {
  await openStory(page, app, EXAMPLES.english.title);
  const card = node(page, EXAMPLES.english.burrowId);
  await card.getByTestId('node-listen').click();
  const audio = card.getByTestId('node-audio');
  await expect(audio).toHaveAttribute('src', /^blob:/);
  const waveform = card.getByTestId('node-waveform');
  await expect(waveform).toBeVisible();
  await expect(waveform).toHaveAttribute('role', 'slider');
  await expect(waveform).toHaveAccessibleName(/^Sound of .+: click or use the arrow keys/);

  // The bars are the sound's own outline: the chime is heard, so some bars stand tall, and its
  // fading tail is quieter than its strike.
  const heights = await waveform
    .locator('rect')
    .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('height'))));
  expect(heights).toHaveLength(160);
  const tallest = Math.max(...heights);
  expect(tallest).toBeGreaterThan(10);
  expect(heights.at(-1)!).toBeLessThan(tallest);

  await audio.evaluate((element: HTMLAudioElement) => element.pause());
  const max = Number(await waveform.getAttribute('aria-valuemax'));
  expect(max).toBeGreaterThan(0);
  await waveform.focus();
  await page.keyboard.press('End');
  await expect(waveform).toHaveAttribute('aria-valuenow', String(max));
  await page.keyboard.press('Home');
  await expect(waveform).toHaveAttribute('aria-valuenow', '0');
  await expect(waveform).toHaveAttribute('aria-valuetext', /^0:00 of \d+:\d\d$/);

  // A click near the end moves the playhead there.
  const box = (await waveform.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.95, box.y + box.height / 2);
  await expect.poll(async () => Number(await waveform.getAttribute('data-played'))).toBeGreaterThan(0.8);
  expect(await audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0);
});
