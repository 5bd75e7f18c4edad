/**
 * Every screen of the app, in French and in English, in a realistic state (the two example
 * stories, a simulated Lunii box added as a folder, a classroom run done): each is saved as a
 * full-page picture under test-results/screenshots/<lang>/, checked with axe-core against WCAG
 * 2.1 A and AA (no serious or critical violation), and walked with the Tab key (every control
 * it reaches shows where the focus is).
 *
 * To add a screen: add an entry to SCREENS in the order a person would get there; `show` starts
 * from wherever the previous screen left the page and ends once the screen is settled.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Page } from '@playwright/test';

import type { WebServer } from '../web/web-server';
import { startListeningTestCloud, type ListeningTestCloud } from '../../cloud/testing/listening-test-cloud';
import { makeFakeLuniiDevice } from '../../device-bridge/formats/lunii/fake-lunii-device';
import { saveScreenshot, seriousViolations, walkWithTab } from './accessibility';
import { EXAMPLES, expect, node, openLibrary, storyCard, test } from './fixtures';

/** What a screen's `show` may use: the app, a simulated box folder and a family cloud made for this run. */
interface Visit {
  page: Page;
  app: WebServer;
  boxRoot: string;
  cloudUrl: string;
}

interface Screen {
  /** Used in the file name and in every failure message. */
  name: string;
  show: (visit: Visit) => Promise<void>;
}

// Putting one story on one box for the classroom report takes several seconds on 2 cores.
const CLASSROOM_MS = 60_000;

/** Back to the library from anywhere, by the brand button in the top bar. */
async function home(page: Page): Promise<void> {
  await page.getByTestId('home').click();
  await expect(page.getByTestId('library')).toBeVisible();
  // Why: the library remembers a search across visits; the next screens start from all stories.
  const clear = page.getByTestId('clear-filters');
  if (await clear.isVisible()) await clear.click();
  await expect(page.getByTestId('story-list')).toHaveAttribute('aria-busy', 'false');
}

async function openFrenchStory(page: Page): Promise<void> {
  await home(page);
  await storyCard(page, EXAMPLES.french.title).getByTestId('story-card-title').click();
  await expect(page.getByTestId('story-title')).toHaveText(EXAMPLES.french.title);
  await expect(page.getByTestId('narration-panel')).toBeVisible();
}

async function openCreateTab(page: Page, tab: 'prompt' | 'fabrique' | 'chat'): Promise<void> {
  // Why: Mode Conte covers the whole app until the child leaves it.
  const conte = page.getByTestId('conte-exit');
  if (await conte.isVisible()) await conte.click();
  if ((await page.getByTestId('create-view').count()) === 0) {
    await home(page);
    await page.getByTestId('create-story').click();
    await expect(page.getByTestId('create-view')).toBeVisible();
  }
  await page.getByTestId(`create-tab-${tab}`).click();
  await expect(page.getByTestId(`create-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

async function openBoxes(page: Page): Promise<void> {
  await page.getByTestId('topbar-devices').click();
  await expect(page.getByTestId('devices-view')).toBeVisible();
}

export const SCREENS: Screen[] = [
  {
    name: 'library',
    show: async ({ page, app }) => {
      await openLibrary(page, app);
      await expect(page.getByTestId('story-card')).toHaveCount(2);
    },
  },
  {
    name: 'library-search-filter',
    show: async ({ page }) => {
      await page.getByTestId('search-input').fill('rivière');
      await page.getByTestId('filter-language').selectOption('fr');
      await expect(page.getByTestId('story-card')).toHaveCount(1);
      // Why the snippet: the search is debounced, so the list settles once for the filter, then
      // dims again for the words; the snippet comes only with the words' answer.
      await expect(page.getByTestId('story-card-snippet')).toBeVisible();
      await expect(page.getByTestId('story-list')).toHaveAttribute('aria-busy', 'false');
      await expect(page.getByTestId('clear-filters')).toBeVisible();
    },
  },
  {
    name: 'library-no-result',
    show: async ({ page }) => {
      await page.getByTestId('search-input').fill('dinosaure');
      await expect(page.getByTestId('library-no-results')).toBeVisible();
    },
  },
  {
    name: 'story',
    show: async ({ page }) => {
      await openFrenchStory(page);
      await expect(page.getByTestId('no-issues')).toBeVisible();
    },
  },
  {
    name: 'story-graph',
    show: async ({ page }) => {
      await page.getByTestId('story-view-tab-graph').click();
      await expect(page.getByTestId('graph-editor')).toBeVisible();
      await expect(page.getByTestId('graph-no-issues')).toBeVisible();
    },
  },
  {
    name: 'story-page-narration-tools',
    show: async ({ page }) => {
      await page.getByTestId('story-view-tab-text').click();
      const river = node(page, EXAMPLES.french.riverId);
      await river.getByTestId('narration-tools-toggle').click();
      await expect(river.getByTestId('speaker-select')).toBeVisible();
    },
  },
  {
    name: 'family-dialog',
    show: async ({ page }) => {
      await page.getByTestId('narration-panel').getByTestId('open-family').click();
      const family = page.getByTestId('family-dialog');
      await family.getByTestId('family-name').fill('Zoé');
      await family.getByTestId('family-add').click();
      await expect(family.getByTestId('family-child')).toHaveCount(1);
    },
  },
  {
    name: 'story-delete-confirm',
    show: async ({ page }) => {
      await page.getByTestId('family-dialog').getByTestId('family-close').click();
      await expect(page.getByTestId('family-dialog')).toHaveCount(0);
      await page.getByTestId('delete-button').click();
      await expect(page.getByTestId('delete-confirm')).toBeVisible();
    },
  },
  {
    name: 'story-moderation-flagged',
    show: async ({ page, app }) => {
      await app.core.addText({
        title: 'Mon doudou',
        text: "Bonjour, je m'appelle Inès Moreau. Appelle maman au 06 71 42 88 15 !",
        language: 'fr',
      });
      await home(page);
      await storyCard(page, 'Mon doudou').getByTestId('story-card-title').click();
      await expect(page.getByTestId('moderation-flagged')).toBeVisible();
    },
  },
  {
    name: 'player',
    show: async ({ page }) => {
      await openFrenchStory(page);
      await page.getByTestId('play-button').click();
      await expect(page.getByTestId('player-title')).toContainText(EXAMPLES.french.title);
      await expect(page.getByTestId('player-picture')).toBeVisible();
    },
  },
  {
    name: 'player-mode-conte',
    show: async ({ page }) => {
      await page.getByTestId('conte-toggle').click();
      await expect(page.getByTestId('conte-screen')).toBeVisible();
      await expect(page.getByTestId('conte-screen').getByTestId('player-ok')).toBeFocused();
    },
  },
  {
    name: 'create-prompt',
    show: async ({ page }) => {
      await openCreateTab(page, 'prompt');
      await page.getByTestId('draft-prompt').fill('Un hérisson qui apprend à nager');
    },
  },
  { name: 'create-fabrique', show: ({ page }) => openCreateTab(page, 'fabrique') },
  { name: 'create-chat', show: ({ page }) => openCreateTab(page, 'chat') },
  {
    name: 'models',
    show: async ({ page }) => {
      await home(page);
      await page.getByTestId('open-models').click();
      await expect(page.getByTestId('model-card').first()).toBeVisible();
    },
  },
  {
    name: 'boxes-empty',
    show: async ({ page }) => {
      await openBoxes(page);
      await expect(page.getByTestId('devices-empty')).toBeVisible();
    },
  },
  {
    name: 'boxes-with-box',
    show: async ({ page, boxRoot }) => {
      await page.getByTestId('folder-input').fill(boxRoot);
      await page.getByTestId('folder-add').click();
      await expect(page.getByTestId('box-detail')).toBeVisible();
      await expect(page.getByTestId('box-no-packs')).toBeVisible();
    },
  },
  {
    name: 'classroom-ready',
    show: async ({ page, boxRoot }) => {
      const panel = page.getByTestId('classroom-panel');
      await panel.getByTestId('classroom-story').filter({ hasText: EXAMPLES.english.title }).click();
      await panel.locator(`[data-testid="classroom-box"][data-root="${boxRoot}"]`).click();
      await expect(panel.getByTestId('classroom-run')).toBeEnabled();
      await panel.scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'classroom-report',
    show: async ({ page }) => {
      await page.getByTestId('classroom-run').click();
      await expect(page.getByTestId('classroom-report')).toBeVisible({ timeout: CLASSROOM_MS });
      // The box now holds a pack: its detail lists it.
      await expect(page.getByTestId('box-packs')).toBeVisible();
    },
  },
  {
    name: 'classroom-report-printed',
    show: async ({ page }) => {
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('classroom-report')).toBeVisible();
    },
  },
  {
    name: 'account-signed-out',
    show: async ({ page }) => {
      await page.emulateMedia({ media: 'screen' });
      await page.getByTestId('topbar-account').click();
      await expect(page.getByTestId('account-signed-out')).toBeVisible();
    },
  },
  {
    name: 'account-signed-in',
    show: async ({ page, cloudUrl }) => {
      const signUp = page.getByTestId('account-signup');
      await signUp.getByTestId('signup-server').fill(cloudUrl);
      await signUp.getByTestId('signup-email').fill(`parent-${Date.now()}@example.org`);
      await signUp.getByTestId('signup-password').fill('a long enough passphrase');
      await signUp.getByTestId('signup-name').fill('Les Martin');
      await signUp.getByTestId('signup-submit').click();
      await expect(page.getByTestId('account-signed-in')).toBeVisible({ timeout: 20_000 });
      await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', {
        timeout: 20_000,
      });
    },
  },
];

let cloud: ListeningTestCloud;
let cloudUrl = '';

// Why a real cloud (fastify on PGlite, as account.spec.ts): the signed-in page shows what the server answers.
test.beforeAll(async () => {
  cloud = await startListeningTestCloud();
  cloudUrl = cloud.url;
});

test.afterAll(async () => {
  await cloud?.close();
});

/** A Lunii v2 laid out in a folder, for the Boxes screens; removed after the test. */
async function withBoxFolder(run: (root: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'talemo-e2e-screens-'));
  try {
    const root = resolve(dir, 'lunii');
    await mkdir(root);
    await makeFakeLuniiDevice(root, { family: 'v2', seed: 'screens-e2e' });
    await run(root);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const LANGUAGES = [
  { lang: 'fr', locale: 'fr-FR' },
  { lang: 'en', locale: 'en-GB' },
] as const;

for (const { lang, locale } of LANGUAGES) {
  test.describe(`screens in ${lang}`, () => {
    // Why reduced motion: axe and the focus-ring check read colours, which a fade or a
    // transition caught half way would falsify.
    test.use({ locale, reducedMotion: 'reduce' });
    test.describe.configure({ timeout: 240_000 });

    test(`in ${lang}, the Tab key first reaches a skip link, which leads past the top bar`, async ({
      page,
      app,
    }) => {
      await openLibrary(page, app);
      const url = page.url();
      await page.keyboard.press('Tab');
      const skip = page.getByTestId('skip-link');
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();
      expect(page.url(), 'the skip link keeps the page the parent is on').toBe(url);
      await page.keyboard.press('Tab');
      await expect(page.getByTestId('open-devices')).toBeFocused();
    });

    test(`every screen in ${lang} is saved as a picture, passes axe and shows the keyboard focus`, async ({
      page,
      app,
    }, testInfo) => {
      await withBoxFolder(async (boxRoot) => {
        for (const [index, screen] of SCREENS.entries()) {
          const label = `${String(index + 1).padStart(2, '0')}-${screen.name}`;
          await test.step(label, async () => {
            await screen.show({ page, app, boxRoot, cloudUrl });
            await expect(page.locator('html')).toHaveAttribute('lang', lang);
            await saveScreenshot(page, testInfo, `test-results/screenshots/${lang}/${label}.png`);
            // Why soft: one run lists every screen's problems, not only the first screen's.
            expect.soft(await seriousViolations(page), `axe on ${label} (${lang})`).toEqual([]);
            const walk = await walkWithTab(page);
            expect.soft(walk.unringed, `no visible focus on ${label} (${lang})`).toEqual([]);
            expect.soft(walk.unreached, `not reached by Tab on ${label} (${lang})`).toEqual([]);
          });
        }
      });
    });
  });
}
