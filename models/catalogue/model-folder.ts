/**
 * Where a model lives: `<modelsDir>/<id>/`. Every path the downloader writes or the remover
 * deletes goes through here, so a hostile id or file path can never reach outside modelsDir.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';

export class ModelFolderError extends Error {
  override readonly name = 'ModelFolderError';
}

/** True when `child` is `parent` itself or lies inside it (both already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The folder of model `id` inside `modelsDir`; throws if the id would escape it or is not one segment. */
export function modelFolder(modelsDir: string, id: string): string {
  const root = resolve(modelsDir);
  const folder = resolve(root, id);
  const oneSegment = id !== '' && id !== '.' && id !== '..' && !/[\\/]/.test(id);
  if (!oneSegment || folder === root || !isInside(root, folder) || relative(root, folder) !== id) {
    throw new ModelFolderError(`"${id}" is not a model name that can be used as a folder in ${root}`);
  }
  return folder;
}

/** A catalogue file path inside a model folder; throws if it would escape the folder. */
export function modelFilePath(folder: string, path: string): string {
  const target = resolve(join(folder, ...path.split('/')));
  if (!isInside(folder, target) || target === folder) {
    throw new ModelFolderError(`"${path}" would be written outside the model folder ${folder}`);
  }
  return target;
}
