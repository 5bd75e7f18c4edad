/**
 * The story map (Graph view) of the story page, in a real browser against the real core:
 * adding a step, linking it with the mouse and with the keyboard, problems shown on the box,
 * undo/redo, and the autosave surviving a reload.
 */
import type { Locator, Page } from '@playwright/test';

import { EXAMPLES, expect, openStory, test } from './fixtures';

const { french } = EXAMPLES;
/** The French example's choice: the action after "Quel chemin ?" (stage …c03). */
const FOREST_PAGE = '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c06';

function mapNode(page: Page, nodeId: string): Locator {
  return page.locator(`[data-testid="graph-node"][data-node-id="${nodeId}"]`);
}

async function openMap(page: Page): Promise<void> {
  await page.getByTestId('story-view-tab-graph').click();
  await expect(page.getByTestId('graph-editor')).toBeVisible();
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A mouse drag as a hand makes it: press, move in steps, release. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await centre(from);
  const end = await centre(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('graph-save-status')).toHaveAttribute('data-status', 'saved', {
    timeout: 10_000,
  });
}

test.use({ viewport: { width: 1280, height: 900 } });
// Why longer than the default: one walk through many edits, two autosaves and a reload.
test.setTimeout(60_000);

test('the story map edits the graph with the mouse and the keyboard, undoes, and saves by itself', async ({
  page,
  app,
}) => {
  await openStory(page, app, french.title);
  await openMap(page);

  // Every stage and the one choice are drawn; the example has no problem.
  await expect(page.locator('[data-testid="graph-node"][data-type="stage"]')).toHaveCount(7);
  const choice = page.locator('[data-testid="graph-node"][data-type="choice"]');
  await expect(choice).toHaveCount(1);
  await expect(choice.getByTestId('graph-choice-option')).toHaveText(['La forêt', 'La rivière']);
  await expect(mapNode(page, french.coverId).getByTestId('graph-badge-cover')).toBeVisible();
  await expect(page.getByTestId('graph-no-issues')).toBeVisible();
  const choiceId = (await choice.getAttribute('data-node-id'))!;

  // A new step lands in the part of the map on screen, next to the choice.
  await choice.scrollIntoViewIfNeeded();
  await page.getByTestId('graph-add-stage').click();
  const added = page.locator('[data-testid="graph-node"][data-type="stage"][aria-current="true"]');
  await expect(added).toHaveCount(1);
  const newId = (await added.getAttribute('data-node-id'))!;
  const newStage = mapNode(page, newId);
  await expect(newStage).toHaveAttribute('aria-invalid', 'true');
  await expect(newStage.getByTestId('graph-node-issue')).toBeVisible();
  await expect(
    page.locator(`[data-testid="graph-issue-show"][data-node-id="${newId}"]`).first(),
  ).toBeVisible();

  // The mouse: from the choice's "+ option" onto the new step, the whole map on screen.
  await page.getByTestId('graph-canvas').evaluate((canvas) => canvas.scrollIntoView({ block: 'center' }));
  await drag(page, choice.getByTestId('graph-option-handle'), newStage.getByTestId('graph-node-name'));
  await expect(
    page.locator(`[data-testid="graph-edge"][data-from="${choiceId}"][data-to="${newId}"]`),
  ).toHaveCount(1);
  await expect(choice.getByTestId('graph-choice-option')).toHaveCount(3);
  // Reached now, but it still leads nowhere: the box says so.
  await expect(newStage.getByTestId('graph-node-issue')).toHaveAttribute('data-code', 'dead-end');

  // Fixed: it is an end (the box selected with a click, the panel then shows it).
  await newStage.getByTestId('graph-node-name').click();
  await expect(page.getByTestId('graph-panel')).toContainText('New step');
  await page.getByTestId('graph-end-checkbox').check();
  await expect(newStage).not.toHaveAttribute('aria-invalid', 'true');
  await expect(newStage.getByTestId('graph-badge-end')).toBeVisible();
  await expect(page.getByTestId('graph-no-issues')).toBeVisible();

  // Undo (Ctrl+Z) brings the problem back; redo (Ctrl+Shift+Z) fixes it again.
  await page.keyboard.press('Control+z');
  await expect(newStage.getByTestId('graph-node-issue')).toHaveAttribute('data-code', 'dead-end');
  await page.keyboard.press('Control+Shift+z');
  await expect(newStage).not.toHaveAttribute('aria-invalid', 'true');
  // The buttons too: two steps back the new option is gone, two forward it is back.
  await page.getByTestId('graph-undo').click();
  await page.getByTestId('graph-undo').click();
  await expect(choice.getByTestId('graph-choice-option')).toHaveCount(2);
  await page.getByTestId('graph-redo').click();
  await page.getByTestId('graph-redo').click();
  await expect(choice.getByTestId('graph-choice-option')).toHaveCount(3);
  await expect(page.getByTestId('graph-no-issues')).toBeVisible();

  // The keyboard only: the choice's "+ option" handle opens the panel's list; arrows pick a
  // step, Tab reaches "Add", Enter adds it.
  await choice.getByTestId('graph-option-handle').focus();
  await page.keyboard.press('Enter');
  const picker = page.getByTestId('graph-add-option-select');
  await expect(picker).toBeFocused();
  for (let presses = 0; presses < 12 && (await picker.inputValue()) !== FOREST_PAGE; presses += 1) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(picker).toHaveValue(FOREST_PAGE);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('graph-add-option-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(choice.getByTestId('graph-choice-option')).toHaveText([
    'La forêt',
    'La rivière',
    'New step',
    'Dans la forêt',
  ]);
  // The wheel offers the new step last: moved down one place from the panel.
  await page.getByRole('button', { name: 'Offer “New step” later on the wheel' }).click();
  await expect(choice.getByTestId('graph-choice-option')).toHaveText([
    'La forêt',
    'La rivière',
    'Dans la forêt',
    'New step',
  ]);

  // The box's buttons on the new step: Pause off (the child cannot pause this one).
  await mapNode(page, newId).getByTestId('graph-node-name').click();
  const controls = page.getByTestId('graph-controls');
  await expect(controls.getByTestId('graph-control-pause')).toBeChecked();
  await controls.getByRole('checkbox', { name: 'Pause: stop for a moment' }).uncheck();
  // HOME from the new step goes back to the choice, not to the box's menu.
  await expect(page.getByTestId('graph-home-select')).toHaveValue('');
  await page.getByTestId('graph-home-select').selectOption(choiceId);
  await expect(
    page.locator(`[data-testid="graph-edge"][data-from="${newId}"][data-to="${choiceId}"]`),
  ).toHaveCount(1);

  // Saved by itself: after a reload the map is the one left.
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('story-title')).toHaveText(french.title);
  await openMap(page);
  const reloadedChoice = page.locator('[data-testid="graph-node"][data-type="choice"]');
  await expect(reloadedChoice.getByTestId('graph-choice-option')).toHaveText([
    'La forêt',
    'La rivière',
    'Dans la forêt',
    'New step',
  ]);
  await expect(mapNode(page, newId).getByTestId('graph-badge-end')).toBeVisible();
  await expect(page.getByTestId('graph-no-issues')).toBeVisible();
  await mapNode(page, newId).getByTestId('graph-node-name').click();
  await expect(page.getByTestId('graph-control-pause')).not.toBeChecked();
  const [storyId] = app.core.list({ language: 'fr' }).map((summary) => summary.id);
  const saved = app.core.get(storyId!).story.graph.stages.find((stage) => stage.id === newId)!;
  expect(saved.controls.pause).toBe(false);
  expect(saved.home).toEqual({ action: choiceId, optionIndex: 0 });
  expect(saved.end).toBe(true);
});
