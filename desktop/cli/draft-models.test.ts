/** `talemo draft` and `talemo models` as a script runs them: a real process, a real model file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { HAS_TEST_GGUF, TEST_GGUF } from '../../models/llm/test-llm';
import { SHARED_MODEL_TAG } from '../../models/shared-models';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');
const library = mkdtempSync(join(tmpdir(), 'talemo-cli-draft-'));

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.TALEMO_LLM_MODEL;
  const result = spawnSync(process.execPath, [BIN, ...args, '--library', library], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FABRIQUE = [
  '--hero',
  'un escargot',
  '--place',
  'un jardin',
  '--object',
  'une lanterne',
  '--theme',
  "l'amitié",
];

describe('talemo draft', () => {
  it.skipIf(!HAS_TEST_GGUF)(
    `should draft a branching French Fabrique story for 4-6 and save it ${SHARED_MODEL_TAG}`,
    () => {
      const result = talemo(
        'draft',
        ...FABRIQUE,
        '--lang',
        'fr',
        '--age',
        '4-6',
        '--branching',
        '--model',
        TEST_GGUF,
        '--seed',
        '5',
        '--json',
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const drafted = JSON.parse(result.stdout) as {
        story: { id: string; language: string; ageRange: string; aiGenerated: boolean };
        moderation: { status: string };
        provenance: { seed: number };
      };
      expect(drafted.story).toMatchObject({ language: 'fr', ageRange: '4-6', aiGenerated: true });
      expect(drafted.provenance.seed).toBe(5);
      expect(['ok', 'flagged']).toContain(drafted.moderation.status);
      const listed = JSON.parse(talemo('list', '--json').stdout) as { id: string }[];
      expect(listed.map((story) => story.id)).toContain(drafted.story.id);
    },
  );

  it('should fail with one clear line on a bad request or a model that cannot be used', () => {
    const oneLine = (result: ReturnType<typeof talemo>, pattern: RegExp): void => {
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(pattern);
    };
    oneLine(
      talemo('draft', '--prompt', '   ', '--lang', 'fr', '--age', '4-6'),
      /say what the story should be about/,
    );
    oneLine(
      talemo('draft', '--prompt', 'x'.repeat(100_000), '--lang', 'fr', '--age', '4-6'),
      /at most 4000 characters/,
    );
    oneLine(
      talemo('draft', '--prompt', 'a cat', '--lang', 'fr', '--age', '4-6'),
      /No story-writing model is installed/,
    );
    const notModel = join(library, 'notes.gguf');
    writeFileSync(notModel, 'hello');
    oneLine(
      talemo('draft', '--prompt', 'a cat', '--lang', 'fr', '--age', '4-6', '--model', notModel),
      /not a GGUF model file/,
    );
    if (HAS_TEST_GGUF) {
      const cut = join(library, 'cut.gguf');
      writeFileSync(cut, readFileSync(TEST_GGUF).subarray(0, 800_000));
      oneLine(
        talemo('draft', '--prompt', 'a cat', '--lang', 'fr', '--age', '4-6', '--model', cut),
        /incomplete .* download it again/,
      );
    }
  });

  it('should exit 2 on bad usage', () => {
    expect(talemo('draft', '--prompt', 'a cat', '--age', '4-6').status).toBe(2);
    expect(talemo('draft', '--prompt', 'a cat', '--lang', 'fr', '--age', '5-9').status).toBe(2);
    expect(talemo('draft', '--hero', 'a cat', '--lang', 'fr', '--age', '4-6').stderr).toMatch(
      /--prompt .* or all of --hero/,
    );
    expect(talemo('draft', '--prompt', 'a', ...FABRIQUE, '--lang', 'fr', '--age', '4-6').status).toBe(2);
  });
});

describe('talemo models', () => {
  it('should list the catalogue with a recommendation, and name a model it does not know', () => {
    const listed = talemo('models', 'list', '--json');
    expect(listed.status).toBe(0);
    const { models, recommendation } = JSON.parse(listed.stdout) as {
      models: { id: string; kind: string; installed: boolean }[];
      recommendation: { reason: string };
    };
    expect(models.filter((model) => model.kind === 'llm').length).toBeGreaterThan(0);
    expect(models.every((model) => !model.installed)).toBe(true);
    expect(recommendation.reason).toMatch(/memory/);
    const missing = talemo('models', 'pull', 'no-such-model');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No model "no-such-model" in the catalogue/);
    expect(talemo('models', 'dance').status).toBe(2);
  });
});
