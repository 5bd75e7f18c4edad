/**
 * The folders a parent uses as boxes (a memory card in a reader, a copy of a box), kept in the
 * browser's storage so they are looked at again on every visit. Plugged boxes need no entry.
 */
const STORAGE_KEY = 'talemo.boxFolders';
/** The contract takes at most 20 folders per look. */
export const MAX_FOLDERS = 20;

/** What storage held, as a clean list: anything unreadable counts as no folder at all. */
export function parseFolders(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const folders = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    return [...new Set(folders.map((folder) => folder.trim()))].slice(0, MAX_FOLDERS);
  } catch {
    return [];
  }
}

/** The list with `folder` last (once), dropping the oldest beyond the limit. */
export function withFolder(folders: readonly string[], folder: string): string[] {
  const kept = folders.filter((known) => known !== folder);
  return [...kept, folder].slice(-MAX_FOLDERS);
}

export function withoutFolder(folders: readonly string[], folder: string): string[] {
  return folders.filter((known) => known !== folder);
}

export function loadFolders(storage: Pick<Storage, 'getItem'> = localStorage): string[] {
  try {
    return parseFolders(storage.getItem(STORAGE_KEY));
  } catch {
    // Why: storage can be switched off (private windows, strict settings); the page still works.
    return [];
  }
}

export function saveFolders(
  folders: readonly string[],
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(folders));
  } catch {
    // Same reason: without storage the folders simply last until the page is closed.
  }
}
