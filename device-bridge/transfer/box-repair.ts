/**
 * Puts a box back into a state its firmware and Talemo both accept, run when a box is opened
 * or plugged in. In order:
 *
 * 1. An operation journaled on the box is finished or undone: an install's packs that were
 *    copied and verified (checked again against the journal's hashes) are committed, partial
 *    copies removed; a removal or a hide/show is finished.
 * 2. Talemo's leftovers go: `.talemo-tmp-*` folders, `*.talemo-new` files, probe files.
 * 3. The pack lists keep only entries whose folder exists (a backup is taken first), once
 *    each; a torn list keeps its whole entries.
 * 4. Folders no list names are reported, never deleted: another tool may own them.
 *
 * Every action is reported in plain words for the parent.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { packFolders } from '../devices/lunii-box';
import {
  contentDir,
  HIDDEN_PACK_INDEX_FILE,
  isTalemoTempName,
  PACK_INDEX_FILE,
  packDir,
  TEMP_FOLDER_PREFIX,
} from '../devices/lunii-layout';
import { packFolderName, wholeEntries } from '../devices/pack-index';
import { readPackIndexBytes } from '../devices/pack-index-file';
import { requireBox } from './box-state';
import { backupBoxOnce } from './device-backup';
import { fsyncDirectory } from './durable-file';
import { flushFilesystem } from './filesystem-flush';
import { finishMove } from './pack-hide';
import { settleEntries } from './pack-install';
import { exists } from './pack-commit';
import { writePackIndex } from './pack-index-writer';
import { finishRemoval } from './pack-remove';
import { asTransferError } from './transfer-error';
import { clearJournal, readJournal, type Journal } from './transfer-journal';
import type { TransferOptions } from './transfer-options';

/** What a repair did, as a code the UI words in its own language. */
export type RepairCode =
  | 'journal-damaged'
  | 'install-finished'
  | 'install-undone'
  | 'remove-finished'
  | 'hide-finished'
  | 'show-finished'
  | 'copy-removed'
  | 'temp-removed'
  | 'pack-list-damaged'
  | 'pack-listed-twice'
  | 'pack-dropped';

export interface RepairAction {
  code: RepairCode;
  /** The same in one English sentence, with every detail (for the CLI and logs). */
  text: string;
  /** The pack folder concerned (8 hex digits), when there is one. */
  pack?: string;
}

export interface RepairReport {
  /** What was done; empty when the box was fine. */
  actions: RepairAction[];
  /** Pack folders on the box that no pack list names (left as they are). */
  notInPackList: string[];
  changed: boolean;
  safeToUnplug: boolean;
}

export async function repairBox(root: string, options: TransferOptions): Promise<RepairReport> {
  const actions: RepairAction[] = [];
  let backedUp = false;
  // Why lazy: a healthy box is not backed up on every plug; a box about to change always is.
  const beforeChange = async (): Promise<void> => {
    if (backedUp) return;
    await backupBoxOnce(root, options.dataDir);
    backedUp = true;
  };
  try {
    await requireBox(root);
    await finishJournal(root, actions, beforeChange, options.signal);
    await removeLeftovers(root, actions, beforeChange);
    for (const hidden of [false, true]) await cleanIndex(root, hidden, actions, beforeChange);
    const notInPackList = await unlistedFolders(root);
    if (backedUp)
      await flushFilesystem(root, [], { removedFrom: [contentDir(root, false), contentDir(root, true)] });
    return { actions, notInPackList, changed: backedUp, safeToUnplug: true };
  } catch (error) {
    throw await asTransferError(error, root);
  }
}

async function finishJournal(
  root: string,
  actions: RepairAction[],
  beforeChange: () => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const read = await readJournal(root);
  if (read.kind === 'none') return;
  await beforeChange();
  if (read.kind === 'damaged') {
    actions.push({
      code: 'journal-damaged',
      text: 'Removed a damaged Talemo journal (the box itself was checked below).',
    });
  } else {
    await finishOperation(root, read.journal, actions, signal);
  }
  await clearJournal(root);
}

async function finishOperation(
  root: string,
  journal: Journal,
  actions: RepairAction[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const when = `the transfer started ${journal.startedAt} on ${journal.host}`;
  switch (journal.op) {
    case 'install': {
      const wasDone = new Set(
        journal.packs.filter((entry) => entry.state === 'done').map((entry) => entry.uuid),
      );
      const done = new Set(await settleEntries(root, journal, signal));
      for (const entry of journal.packs) {
        const name = packFolderName(entry.uuid);
        if (done.has(entry.uuid) && !wasDone.has(entry.uuid)) {
          actions.push({
            code: 'install-finished',
            pack: name,
            text: `Finished installing pack ${name} from ${when}: its copy was complete and checked.`,
          });
        } else if (!done.has(entry.uuid)) {
          actions.push({
            code: 'install-undone',
            pack: name,
            text: `Pack ${name} from ${when} was not finished; its partial copy was removed. Install it again.`,
          });
        }
      }
      return;
    }
    case 'remove':
      await finishRemoval(root, journal.packs);
      for (const { uuid } of journal.packs) {
        const pack = packFolderName(uuid);
        actions.push({ code: 'remove-finished', pack, text: `Finished removing pack ${pack} (${when}).` });
      }
      return;
    case 'move':
      await finishMove(root, journal.uuid, journal.toHidden);
      actions.push({
        code: journal.toHidden ? 'hide-finished' : 'show-finished',
        pack: packFolderName(journal.uuid),
        text: `Finished ${journal.toHidden ? 'hiding' : 'showing'} pack ${packFolderName(journal.uuid)} (${when}).`,
      });
      return;
  }
}

async function removeLeftovers(
  root: string,
  actions: RepairAction[],
  beforeChange: () => Promise<void>,
): Promise<void> {
  const places = [root, contentDir(root, false), contentDir(root, true)];
  for (const place of places) {
    for (const name of await namesIn(place)) {
      if (!isTalemoTempName(name)) continue;
      await beforeChange();
      await rm(join(place, name), { recursive: true, force: true });
      await fsyncDirectory(place);
      actions.push(
        name.startsWith(TEMP_FOLDER_PREFIX)
          ? { code: 'copy-removed', text: `Removed an unfinished Talemo copy (${name}).` }
          : { code: 'temp-removed', text: `Removed a leftover temporary file (${name}).` },
      );
    }
  }
  // A night-mode switch writes `nm.talemo-new` inside a pack folder.
  for (const hidden of [false, true]) {
    for (const folder of await packFolders(root, hidden)) {
      const dir = join(contentDir(root, hidden), folder);
      for (const name of (await namesIn(dir)).filter(isTalemoTempName)) {
        await beforeChange();
        await rm(join(dir, name), { recursive: true, force: true });
        actions.push({
          code: 'temp-removed',
          pack: folder,
          text: `Removed a leftover temporary file in pack ${folder} (${name}).`,
        });
      }
    }
  }
}

async function cleanIndex(
  root: string,
  hidden: boolean,
  actions: RepairAction[],
  beforeChange: () => Promise<void>,
): Promise<void> {
  const fileName = hidden ? HIDDEN_PACK_INDEX_FILE : PACK_INDEX_FILE;
  const bytes = await readPackIndexBytes(root, hidden);
  const entries = wholeEntries(bytes);
  const kept: string[] = [];
  const notes: RepairAction[] = [];
  if (bytes.length % 16 !== 0) {
    notes.push({
      code: 'pack-list-damaged',
      text:
        `The pack list (${fileName}) was damaged (${bytes.length % 16} stray bytes at its end); ` +
        `kept its ${entries.length} complete entr${entries.length === 1 ? 'y' : 'ies'}.`,
    });
  }
  for (const uuid of entries) {
    const name = packFolderName(uuid);
    if (kept.includes(uuid)) {
      notes.push({
        code: 'pack-listed-twice',
        pack: name,
        text: `Pack ${name} was listed twice in ${fileName}; kept it once.`,
      });
    } else if (!(await exists(packDir(root, uuid, hidden)))) {
      notes.push({
        code: 'pack-dropped',
        pack: name,
        text: `Dropped pack ${name} from ${fileName}: its folder is missing from the box.`,
      });
    } else {
      kept.push(uuid);
    }
  }
  if (notes.length === 0) return;
  await beforeChange();
  await writePackIndex(root, hidden, kept);
  actions.push(...notes);
}

async function unlistedFolders(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const hidden of [false, true]) {
    const listed = new Set(wholeEntries(await readPackIndexBytes(root, hidden)).map(packFolderName));
    for (const folder of await packFolders(root, hidden)) {
      if (!listed.has(folder.toUpperCase())) out.push(hidden ? `${folder} (hidden area)` : folder);
    }
  }
  return out;
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
