/**
 * For tests and benches: the tiny real sentence model beside the repository
 * (`../shared/models/embed/m2v-bge-vq128-onnx`, see `../shared/models/PROVENANCE.md`).
 */
import { sharedModel } from '../shared-models';

const testModel = sharedModel('embed/m2v-bge-vq128-onnx');

export const TEST_MODEL_FOLDER = testModel.path;
export const HAS_TEST_MODEL = testModel.present;

/**
 * The test model's boundary cosine between copies and different stories: its threshold of best
 * F1 on the dev split of `models/dedupe-dev-set` (0.96905, F1 0.88 there; 0.85 on the test split;
 * `npm run bench` measures it again). A weak model's cosines sit high for everything.
 */
export const TEST_MODEL_DUPLICATE_COSINE = 0.96905;
