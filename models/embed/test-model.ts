/**
 * For tests and benches: the tiny real sentence model beside the repository
 * (`../shared/models/embed/m2v-bge-vq128-onnx`, see `../shared/models/PROVENANCE.md`). Tests that
 * need it are skipped, saying so, on a machine without that folder; the README says how to run them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEST_MODEL_FOLDER = fileURLToPath(
  new URL('../../../shared/models/embed/m2v-bge-vq128-onnx', import.meta.url),
);

export const HAS_TEST_MODEL = existsSync(TEST_MODEL_FOLDER);

if (!HAS_TEST_MODEL) {
  console.warn(`Neural embedder tests skipped: no test model at ${TEST_MODEL_FOLDER} (see README, "Tests").`);
}

/**
 * The test model's boundary cosine between copies and different stories: its threshold of best
 * F1 on the dev split of `models/dedupe-dev-set` (0.96905, F1 0.88 there; 0.85 on the test split;
 * `npm run bench` measures it again). A weak model's cosines sit high for everything.
 */
export const TEST_MODEL_DUPLICATE_COSINE = 0.96905;
