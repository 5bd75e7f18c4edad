import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { modelFilePath, modelFolder, ModelFolderError } from './model-folder';

describe('modelFolder', () => {
  it('should put a model in its own folder inside modelsDir', () => {
    expect(modelFolder('/data/models', 'whisper-tiny-q8')).toBe(resolve('/data/models/whisper-tiny-q8'));
  });

  it('should refuse ids that are not one safe folder name', () => {
    for (const id of ['', '.', '..', '../x', 'a/b', 'a\\b', '/abs']) {
      expect(() => modelFolder('/data/models', id), id).toThrow(ModelFolderError);
    }
  });
});

describe('modelFilePath', () => {
  it('should resolve nested catalogue paths inside the folder and refuse ones that leave it', () => {
    const folder = resolve('/data/models/m');
    expect(modelFilePath(folder, 'onnx/model.onnx')).toBe(join(folder, 'onnx', 'model.onnx'));
    for (const path of ['../x', 'onnx/../../x', '.']) {
      expect(() => modelFilePath(folder, path), path).toThrow(ModelFolderError);
    }
  });
});
