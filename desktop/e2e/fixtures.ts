/**
 * The app under test: the real local web server on a fresh library folder (which seeds the
 * two example stories), serving the built renderer. One per test, removed afterwards.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { test as base, expect, type Locator, type Page } from '@playwright/test';

import { startWebServer, type WebServer } from '../web/web-server';

// Why overridable: several people (or agents) building at once each test their own build.
export const RENDERER_DIR = resolve(process.env.TALEMO_E2E_RENDERER ?? 'out/renderer');

export const EXAMPLES = {
  english: {
    title: 'Pip and the Lantern Moth',
    coverId: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e01',
    burrowId: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e02',
  },
  french: {
    title: 'Lila et la rivière qui chante',
    coverId: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c01',
    /** The "La rivière" option of the choice. */
    riverId: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c05',
  },
} as const;

export const test = base.extend<{ app: WebServer; pageProblems: void }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern.
  app: async ({}, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`No built renderer in ${RENDERER_DIR}: run \`npm run build\` first.`);
    }
    const libraryDir = await mkdtemp(join(tmpdir(), 'talemo-e2e-'));
    const server = await startWebServer({ libraryDir, rendererDir: RENDERER_DIR });
    try {
      await use(server);
    } finally {
      await server.close();
      await rm(libraryDir, { recursive: true, force: true });
    }
  },
  /** Every test also fails on an uncaught page error or a Content-Security-Policy refusal. */
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          problems.push(`CSP: ${message.text()}`);
        }
      });
      await use();
      expect(problems, 'problems seen in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export function storyCard(page: Page, title: string): Locator {
  return page
    .getByTestId('story-card')
    .filter({ has: page.getByTestId('story-card-title').getByText(title) });
}

/** Opens the app with its key and waits for the library to list its stories. */
export async function openLibrary(page: Page, app: WebServer): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page.getByTestId('story-list')).toHaveAttribute('aria-busy', 'false');
}

export async function openStory(page: Page, app: WebServer, title: string): Promise<void> {
  await openLibrary(page, app);
  await storyCard(page, title).getByTestId('story-card-title').click();
  await expect(page.getByTestId('story-title')).toHaveText(title);
}

export function node(page: Page, nodeId: string): Locator {
  return page.locator(`[data-testid="node"][data-node-id="${nodeId}"]`);
}
