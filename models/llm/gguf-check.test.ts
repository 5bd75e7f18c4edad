import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SHARED_MODEL_TAG } from '../shared-models';
import { checkGgufFile } from './gguf-check';
import { HAS_TEST_GGUF, TEST_GGUF } from './test-llm';

const scratch = mkdtempSync(join(tmpdir(), 'talemo-gguf-'));

describe('checkGgufFile on files that are no model', () => {
  it('should name a missing file, a folder and a file that is not GGUF', async () => {
    await expect(checkGgufFile(join(scratch, 'nope.gguf'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(checkGgufFile(scratch)).rejects.toThrow(/is a folder/);
    const text = join(scratch, 'notes.gguf');
    writeFileSync(text, 'Once upon a time');
    await expect(checkGgufFile(text)).rejects.toMatchObject({
      code: 'not-gguf',
      message: /does not start with "GGUF"/,
    });
    const empty = join(scratch, 'empty.gguf');
    writeFileSync(empty, '');
    await expect(checkGgufFile(empty)).rejects.toMatchObject({ code: 'not-gguf' });
  });
});

describe.skipIf(!HAS_TEST_GGUF)(`checkGgufFile on the tiny real model ${SHARED_MODEL_TAG}`, () => {
  it('should read its facts from the header', async () => {
    const facts = await checkGgufFile(TEST_GGUF);
    expect(facts).toMatchObject({ architecture: 'llama', trainContextSize: 4096, sizeBytes: 1_750_560 });
    expect(facts.weightsBytes).toBeGreaterThan(0);
  });

  it('should say a cut-off download is incomplete, and a damaged header is damaged', async () => {
    const bytes = readFileSync(TEST_GGUF);
    const truncated = join(scratch, 'truncated.gguf');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 1000));
    await expect(checkGgufFile(truncated)).rejects.toMatchObject({
      code: 'truncated',
      message: /incomplete/,
    });
    const headerOnly = join(scratch, 'header-cut.gguf');
    writeFileSync(headerOnly, bytes.subarray(0, 2000));
    // Cut inside the header itself: still a download that stopped short.
    await expect(checkGgufFile(headerOnly)).rejects.toMatchObject({ code: 'truncated' });
    const scrambled = Buffer.from(bytes);
    scrambled.fill(0xff, 8, 64); // tensor and metadata counts become absurd
    const corrupt = join(scratch, 'corrupt.gguf');
    writeFileSync(corrupt, scrambled);
    await expect(checkGgufFile(corrupt)).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('should refuse a model larger than the memory this computer can give', async () => {
    const smallLaptop = { totalBytes: () => 1.5 * 1024 ** 3 + 100_000 };
    await expect(checkGgufFile(TEST_GGUF, smallLaptop)).rejects.toMatchObject({
      code: 'too-big',
      message: /Choose a smaller model/,
    });
  });
});
