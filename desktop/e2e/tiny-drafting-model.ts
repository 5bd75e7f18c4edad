/**
 * Drafting in browser tests uses the tiny real model from ../shared/models (random weights:
 * nonsense words, the real llama.cpp path). The server reads TALEMO_LLM_MODEL when a draft
 * starts and runs in the test's process, so each test points it at the tiny model and puts it
 * back afterwards. Without the model, the file's tests are skipped, saying where it was expected.
 */
import type { Page } from '@playwright/test';

import { HAS_TEST_GGUF, TEST_GGUF } from '../../models/llm/test-llm';
import { SHARED_MODEL_TAG } from '../../models/shared-models';
import { openLibrary, test } from './fixtures';

export function useTinyDraftingModel(): void {
  test.skip(!HAS_TEST_GGUF, `needs the tiny test model in ../shared/models ${SHARED_MODEL_TAG}`);
  let previousModel: string | undefined;
  test.beforeEach(() => {
    previousModel = process.env.TALEMO_LLM_MODEL;
    process.env.TALEMO_LLM_MODEL = TEST_GGUF;
  });
  test.afterEach(() => {
    if (previousModel === undefined) delete process.env.TALEMO_LLM_MODEL;
    else process.env.TALEMO_LLM_MODEL = previousModel;
  });
}

/** The Create page's Fabrique tab with a dragon, a jungle, a piano and courage, in French for 4–6. */
export async function openFabrique(page: Page, app: Parameters<typeof openLibrary>[1]): Promise<void> {
  await openLibrary(page, app);
  await page.getByTestId('create-story').click();
  await page.getByRole('tab', { name: 'Fabrique' }).click();
  await page.getByTestId('pick-hero').getByRole('button', { name: 'dragon' }).click();
  await page.getByTestId('pick-place').getByRole('button', { name: 'jungle' }).click();
  await page.getByTestId('pick-object').getByRole('button', { name: 'piano' }).click();
  await page.getByTestId('pick-theme').getByRole('button', { name: 'courage' }).click();
  await page.getByTestId('draft-language').selectOption('fr');
  await page.getByTestId('draft-age').selectOption('4-6');
}
