import { describe, expect, it } from 'vitest';

import {
  loadFolders,
  MAX_FOLDERS,
  parseFolders,
  saveFolders,
  withFolder,
  withoutFolder,
} from './box-folders';

/** A Storage stand-in holding one value: only what box-folders reads and writes. */
function memoryStorage(initial: string | null = null) {
  let value = initial;
  return {
    getItem: () => value,
    setItem: (_key: string, next: string) => {
      value = next;
    },
    get value() {
      return value;
    },
  };
}

describe('the folders used as boxes', () => {
  it('should read back what it saved', () => {
    const storage = memoryStorage();
    const folders = withFolder(withFolder([], '/media/me/LUNII'), 'D:\\');
    saveFolders(folders, storage);
    expect(loadFolders(storage)).toEqual(['/media/me/LUNII', 'D:\\']);
  });

  it('should keep a folder once, moved to the end when added again', () => {
    expect(withFolder(['/a', '/b'], '/a')).toEqual(['/b', '/a']);
  });

  it('should forget a folder and only that one', () => {
    expect(withoutFolder(['/a', '/b', '/c'], '/b')).toEqual(['/a', '/c']);
  });

  it('should drop the oldest beyond the limit the core takes', () => {
    let folders: string[] = [];
    for (let index = 0; index < MAX_FOLDERS + 3; index++) folders = withFolder(folders, `/box-${index}`);
    expect(folders).toHaveLength(MAX_FOLDERS);
    expect(folders[0]).toBe('/box-3');
    expect(folders.at(-1)).toBe(`/box-${MAX_FOLDERS + 2}`);
  });

  it('should read anything unreadable as no folder rather than fail', () => {
    expect(parseFolders(null)).toEqual([]);
    expect(parseFolders('not json')).toEqual([]);
    expect(parseFolders('{"a":1}')).toEqual([]);
    expect(parseFolders('["/ok", 3, "", "  ", " /ok ", null, "/two"]')).toEqual(['/ok', '/two']);
  });

  it('should go on without storage when the browser refuses it', () => {
    const refusing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadFolders(refusing)).toEqual([]);
    expect(() => saveFolders(['/a'], refusing)).not.toThrow();
  });
});
