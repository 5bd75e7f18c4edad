/** For tests and benches: the tiny GGUF beside the repository (random weights, real llama.cpp path). */
import { sharedModel } from '../shared-models';

const tiny = sharedModel('llm/llama-2-tiny-random.gguf');

export const TEST_GGUF = tiny.path;
export const HAS_TEST_GGUF = tiny.present;
