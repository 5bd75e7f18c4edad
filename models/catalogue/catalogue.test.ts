import { describe, expect, it } from 'vitest';

import bundledJson from './catalogue.json';
import {
  CatalogueError,
  downloadSizeBytes,
  findModel,
  listModels,
  loadBundledCatalogue,
  MODEL_KINDS,
  parseCatalogue,
} from './catalogue';

const catalogue = loadBundledCatalogue();

/** A deep copy of the bundled JSON to break on purpose. */
function editableJson(): { version: number; models: Record<string, unknown>[] } {
  return structuredClone(bundledJson) as never;
}

describe('the bundled catalogue', () => {
  it('should validate against the schema', () => {
    expect(() => parseCatalogue(bundledJson)).not.toThrow();
    expect(catalogue.version).toBe(1);
  });

  it('should offer at least one model of every kind', () => {
    for (const kind of MODEL_KINDS) expect(listModels(catalogue, kind).length).toBeGreaterThan(0);
  });

  it('should give every verified file a 64-hex sha256 and a positive size', () => {
    for (const entry of catalogue.models.filter((e) => e.verified)) {
      for (const file of entry.files) {
        expect(file.sha256, `${entry.id}/${file.path}`).toMatch(/^[0-9a-f]{64}$/);
        expect(file.sizeBytes, `${entry.id}/${file.path}`).toBeGreaterThan(0);
      }
    }
  });

  it('should download only over https, from the pinned Hugging Face revision', () => {
    for (const entry of catalogue.models) {
      for (const file of entry.files) {
        const url = new URL(file.url);
        expect(url.protocol).toBe('https:');
        expect(
          file.url.startsWith(
            `https://huggingface.co/${entry.source.repository}/resolve/${entry.source.revision}/`,
          ),
        ).toBe(true);
        expect(file.url.endsWith(`/${file.path.split('/').at(-1)}`)).toBe(true);
      }
      expect(entry.source.revision, entry.id).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('should say what each model is for and what it needs', () => {
    for (const entry of catalogue.models) {
      expect(entry.description.length, entry.id).toBeGreaterThan(20);
      expect(entry.ramBytes, entry.id).toBeGreaterThan(downloadSizeBytes(entry) ?? 0);
    }
  });
});

describe('parseCatalogue', () => {
  it('should name the entry whose hash is malformed', () => {
    const json = editableJson();
    const files = json.models[2]!.files as Record<string, unknown>[];
    files[0]!.sha256 = 'not-a-hash';

    expect(() => parseCatalogue(json)).toThrow(CatalogueError);
    expect(() => parseCatalogue(json)).toThrow(/"llama-3.2-1b-instruct-q4_k_m".*files\.0\.sha256/);
  });

  it('should refuse a verified entry with a missing hash, and accept it once marked unverified', () => {
    const json = editableJson();
    const entry = json.models[0]!;
    const files = entry.files as Record<string, unknown>[];
    files[0]!.sha256 = null;
    files[0]!.sizeBytes = null;

    expect(() => parseCatalogue(json)).toThrow(/"verified": false/);
    entry.verified = false;
    const parsed = parseCatalogue(json);
    expect(parsed.models[0]?.verified).toBe(false);
    expect(downloadSizeBytes(parsed.models[0]!)).toBeNull();
  });

  it('should refuse file paths that leave the model folder, and plain-http URLs', () => {
    for (const [field, value] of [
      ['path', '../escape.gguf'],
      ['path', '/etc/passwd'],
      ['path', 'talemo-model.json'],
      ['url', 'http://huggingface.co/x/resolve/main/model.gguf'],
    ] as const) {
      const json = editableJson();
      (json.models[1]!.files as Record<string, unknown>[])[0]![field] = value;
      expect(() => parseCatalogue(json), `${field}=${value}`).toThrow(/"qwen2.5-1.5b-instruct-q4_k_m"/);
    }
  });

  it('should refuse duplicate ids and a newer catalogue version', () => {
    const duplicate = editableJson();
    duplicate.models.push(structuredClone(duplicate.models[0]!));
    expect(() => parseCatalogue(duplicate)).toThrow(/listed twice/);

    const newer = editableJson();
    newer.version = 2;
    expect(() => parseCatalogue(newer)).toThrow(/version 2.*update Talemo/);
  });

  it('should name a bad entry by its raw id, or by position when it has no id', () => {
    const badId = editableJson();
    badId.models[3]!.id = 'Bad Id!';
    expect(() => parseCatalogue(badId)).toThrow(/"Bad Id!" is invalid: id:/);

    const noId = editableJson();
    delete noId.models[3]!.id;
    expect(() => parseCatalogue(noId)).toThrow(/entry #4 is invalid/);
  });
});

describe('findModel and listModels', () => {
  it('should find an entry by id and list entries by kind', () => {
    expect(findModel(catalogue, 'whisper-tiny-q8')?.kind).toBe('stt');
    expect(findModel(catalogue, 'nope')).toBeUndefined();
    expect(listModels(catalogue, 'tts').map((e) => e.id)).toEqual([
      'piper-fr-fr-siwis-medium',
      'piper-en-us-lessac-medium',
    ]);
  });
});
