import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { findModel, loadBundledCatalogue, MANIFEST_FILE_NAME } from './catalogue';
import { listInstalledModels, listResumableDownloads, removeModel } from './installed-models';
import { ModelFolderError } from './model-folder';
import { writeModelManifest } from './model-manifest';

let root: string;
let modelsDir: string;
const catalogue = loadBundledCatalogue();
const piper = findModel(catalogue, 'piper-fr-fr-siwis-medium')!;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'talemo-installed-'));
  modelsDir = join(root, 'models');
  await mkdir(modelsDir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Lays out a model folder as the downloader leaves it once complete, with small stand-in files. */
async function installFake(id: string, files: Record<string, string>): Promise<void> {
  const folder = join(modelsDir, id);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(folder, path, '..'), { recursive: true });
    await writeFile(join(folder, path), content);
  }
  await writeModelManifest(folder, {
    format: 1,
    id,
    name: id,
    kind: 'tts',
    source: { repository: 'test/repo', revision: 'abc' },
    verified: true,
    installedAt: '2026-11-23T10:00:00.000Z',
    files: Object.entries(files).map(([path, content]) => ({
      path,
      sizeBytes: Buffer.byteLength(content),
      sha256: '0'.repeat(64),
    })),
  });
}

describe('listInstalledModels', () => {
  it('should list folders with a manifest, with their size on disk and catalogue entry', async () => {
    await installFake(piper.id, { 'voice.onnx': 'x'.repeat(1000), 'voice.onnx.json': '{}' });
    await installFake('retired-model', { 'model.gguf': 'y'.repeat(10) });
    await mkdir(join(modelsDir, 'half-done'));
    await writeFile(join(modelsDir, 'half-done', 'model.gguf.part'), 'zz');
    await writeFile(join(modelsDir, 'stray-file.txt'), 'not a model');

    const installed = await listInstalledModels(modelsDir, catalogue);

    expect(installed.map((m) => m.id)).toEqual([piper.id, 'retired-model']);
    const voice = installed[0]!;
    expect(voice.entry?.name).toBe(piper.name);
    const manifestBytes = Buffer.byteLength(JSON.stringify(voice.manifest, null, 2)) + 1;
    expect(voice.sizeOnDiskBytes).toBe(1000 + 2 + manifestBytes);
    expect(installed[1]!.entry).toBeNull();
  });

  it('should return nothing when the models folder does not exist yet', async () => {
    expect(await listInstalledModels(join(root, 'missing'), catalogue)).toEqual([]);
  });

  it('should not count a folder whose manifest is corrupt as installed', async () => {
    await installFake(piper.id, { 'voice.onnx': 'x' });
    await writeFile(join(modelsDir, piper.id, MANIFEST_FILE_NAME), '{"format":1,');

    expect(await listInstalledModels(modelsDir, catalogue)).toEqual([]);
  });
});

describe('listResumableDownloads', () => {
  it('should list unfinished downloads with their .part files and what is left', async () => {
    const folder = join(modelsDir, piper.id);
    await mkdir(folder);
    await writeFile(join(folder, 'fr_FR-siwis-medium.onnx.part'), Buffer.alloc(5000));
    await writeFile(join(folder, 'fr_FR-siwis-medium.onnx.json'), Buffer.alloc(4875));
    await installFake('complete', { 'model.gguf': 'done' });

    const resumable = await listResumableDownloads(modelsDir, catalogue);

    expect(resumable).toEqual([
      {
        id: piper.id,
        folder,
        partFiles: [{ path: 'fr_FR-siwis-medium.onnx', bytes: 5000 }],
        downloadedBytes: 9875,
        totalBytes: 63_201_294 + 4875,
        entry: piper,
      },
    ]);
  });
});

describe('removeModel', () => {
  it('should delete an installed model folder', async () => {
    await installFake(piper.id, { 'voice.onnx': 'x', 'nested/file.bin': 'y' });

    expect(await removeModel(modelsDir, piper.id)).toBe(true);

    expect(existsSync(join(modelsDir, piper.id))).toBe(false);
    expect(await listInstalledModels(modelsDir, catalogue)).toEqual([]);
  });

  it('should answer false when there is nothing to delete', async () => {
    expect(await removeModel(modelsDir, 'never-installed')).toBe(false);
  });

  it('should refuse ids that reach outside the models folder', async () => {
    await writeFile(join(root, 'precious.txt'), 'keep me');

    for (const id of ['..', '../precious.txt', '/etc', 'a/../../precious.txt', '', 'a/b', '..\\x']) {
      await expect(removeModel(modelsDir, id)).rejects.toBeInstanceOf(ModelFolderError);
    }
    expect(existsSync(join(root, 'precious.txt'))).toBe(true);
  });

  it('should remove only the link, not its target, when a model folder is a symbolic link', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'keep.txt'), 'keep me');
    await symlink(outside, join(modelsDir, 'linked'));

    expect(await removeModel(modelsDir, 'linked')).toBe(true);

    expect(existsSync(join(modelsDir, 'linked'))).toBe(false);
    expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
  });
});
