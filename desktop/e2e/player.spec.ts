/**
 * The player in the real app: the French example played as on the box, in Mode Conte, with the
 * keyboard as its buttons. Each seeded page has a real 1.2 s sound (a chime placeholder), so
 * the story pages move on by the media 'ended' event of sound that really played; a second
 * test takes the sound off pages (through the real core) to show how an un-narrated page plays.
 */
import type { Page } from '@playwright/test';

import { seriousViolations } from './accessibility';
import { EXAMPLES, expect, openStory, test } from './fixtures';

const LILA = {
  songId: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c02',
  questionId: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c03',
  riverStoryId: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c07',
};
// Why generous: two chimes, or two silent pages of 4 s each, on a busy 2-core machine.
const WALK_MS = 20_000;

/** Counts the sounds that really played to their end in the page (media events do not bubble, so capture). */
async function countEndedSounds(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { played: 0, ended: 0 };
    (window as unknown as { sounds: typeof seen }).sounds = seen;
    document.addEventListener('playing', () => (seen.played += 1), true);
    document.addEventListener(
      'ended',
      (event) => {
        const audio = event.target as HTMLAudioElement;
        if (audio.duration > 0 && audio.currentTime > 0) seen.ended += 1;
      },
      true,
    );
  });
}

async function sounds(page: Page): Promise<{ played: number; ended: number }> {
  return page.evaluate(() => (window as unknown as { sounds: { played: number; ended: number } }).sounds);
}

test('a child follows the river in Mode Conte, with the wheel and OK, to the end', async ({ page, app }) => {
  await openStory(page, app, EXAMPLES.french.title);
  await page.getByTestId('play-button').click();
  await expect(page.getByTestId('player-title')).toContainText(EXAMPLES.french.title);
  await expect(page.getByTestId('player-title')).toBeFocused();
  await expect(page.getByTestId('player-picture')).toBeVisible();
  await expect(page.getByTestId('player-announcement')).toHaveText(`Now playing: ${EXAMPLES.french.title}`);
  await countEndedSounds(page);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('conte-toggle').click();
  const conte = page.getByTestId('conte-screen');
  await expect(conte).toBeVisible();
  // Sound only: no picture and no words of the story on the dark screen, and the page behind is out of reach.
  await expect(conte.locator('img')).toHaveCount(0);
  await expect(conte).not.toContainText('Lila la petite renarde');
  await expect(page.locator('#root')).toHaveJSProperty('inert', true);
  await expect(conte.getByTestId('player-ok')).toBeFocused();
  // The cover's wheel has nothing to turn through.
  await expect(conte.getByTestId('player-right')).toBeDisabled();

  // Enter on the focused OK: the story pages then play on by themselves, sound after sound.
  await page.keyboard.press('Enter');
  const said = conte.getByTestId('conte-announcement');
  await expect(said).toHaveText('Choice 1 of 2: La forêt', { timeout: WALK_MS });
  expect((await sounds(page)).ended).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('player-sound-error')).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(said).toHaveText('Choice 2 of 2: La rivière');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('ArrowRight');
  await expect(said).toHaveText('Choice 1 of 2: La forêt');
  await conte.getByTestId('player-left').click();
  await expect(said).toHaveText('Choice 2 of 2: La rivière');
  await conte.getByTestId('player-ok').click();
  await expect(said).toHaveText('Now playing: Au bord de la rivière');
  await expect(said).toHaveText('The end. The box goes back to its menu.', { timeout: WALK_MS });
  await expect(conte.getByTestId('conte-again')).toBeFocused();
  expect((await sounds(page)).ended).toBeGreaterThanOrEqual(3);

  await conte.getByTestId('conte-exit').click();
  await expect(conte).toHaveCount(0);
  await expect(page.locator('#root')).toHaveJSProperty('inert', false);
  await expect(page.getByTestId('conte-toggle')).toBeFocused();
  const path = page.getByTestId('player-path').locator('li');
  await expect(path).toHaveText([
    EXAMPLES.french.title,
    'La chanson',
    'Quel chemin ?',
    'La rivière',
    'Au bord de la rivière',
  ]);
  await expect(path.nth(3)).toHaveAttribute('data-stage-id', EXAMPLES.french.riverId);
  await expect(path.nth(4)).toHaveAttribute('data-stage-id', LILA.riverStoryId);
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'ended');
});

test('un-narrated pages show their text and move on by themselves; pause and home work from the keyboard', async ({
  page,
  app,
}) => {
  const [summary] = app.core.list({ language: 'fr' });
  const { story } = app.core.get(summary!.id);
  // Take the sound off the two pages before the choice, as if they were not narrated yet.
  const silent = new Set([LILA.songId, LILA.questionId]);
  app.core.update(story.id, story.version, {
    graph: {
      ...story.graph,
      stages: story.graph.stages.map((stage) => (silent.has(stage.id) ? { ...stage, audio: null } : stage)),
    },
  });

  await openStory(page, app, EXAMPLES.french.title);
  await page.getByTestId('play-button').click();
  const said = page.getByTestId('player-announcement');
  await expect(said).toHaveText(`Now playing: ${EXAMPLES.french.title}`);
  await page.getByTestId('player-ok').click();

  await expect(said).toHaveText('Now playing: La chanson');
  const note = page.getByTestId('player-not-narrated');
  await expect(note).toContainText('Not narrated yet');
  await expect(note).toContainText('Lila la petite renarde entendit une chanson');
  // Pause holds the silent page; P again lets it run out on its own.
  await page.keyboard.press('p');
  await expect(said).toHaveText('Paused: La chanson');
  await expect(page.getByTestId('player-pause')).toHaveAccessibleName('Resume');
  await page.keyboard.press('P');
  await expect(said).toHaveText('Now playing: Quel chemin ?', { timeout: WALK_MS });
  // OK skips the rest of a silent page, as its end would.
  await page.getByTestId('player-ok').click();
  await expect(said).toHaveText('Choice 1 of 2: La forêt');
  await expect(note).toHaveCount(0);

  await page.keyboard.press('ArrowLeft');
  await expect(said).toHaveText('Choice 2 of 2: La rivière');
  // Home on a page with no home transition: back to the box's menu.
  await page.keyboard.press('Escape');
  await expect(said).toHaveText('Home: the box went back to its menu.');
  await expect(page.getByTestId('player')).toHaveAttribute('data-status', 'stopped');
  await page.getByTestId('player-again').click();
  await expect(said).toHaveText(`Now playing: ${EXAMPLES.french.title}`);
  await expect(page.getByTestId('player-path').locator('li')).toHaveText([EXAMPLES.french.title]);

  await page.getByTestId('player-back').click();
  await expect(page.getByTestId('story-title')).toHaveText(EXAMPLES.french.title);
});
