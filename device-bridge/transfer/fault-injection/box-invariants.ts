/**
 * What must hold on a box after any crash and a repair, checked with our own readers: the
 * pack lists parse, each listed pack's folder is there, reads as a valid Lunii pack
 * (formats/lunii verifyLuniiPack) and holds exactly the source's bytes, no Talemo leftover
 * is visible, no pack is listed twice, and no folder of ours is left unlisted.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { openLuniiBox } from '../../devices/lunii-box';
import {
  CONTENT_DIR,
  HIDDEN_CONTENT_DIR,
  JOURNAL_FILE,
  isTalemoTempName,
  packDir,
} from '../../devices/lunii-layout';
import { parsePackIndex } from '../../devices/pack-index';
import type { LuniiKeys } from '../../formats/lunii/lunii-keys';
import { verifyLuniiPack } from '../../formats/lunii/lunii-pack-reader';
import { folderHashes } from '../test-lunii-packs';

export interface BoxSnapshot {
  visible: string[];
  hidden: string[];
}

/** The problems found (empty when the box is sound) and the lists as they are. */
export async function checkBoxInvariants(
  root: string,
  keys: LuniiKeys,
  sources: ReadonlyMap<string, string>,
): Promise<{ problems: string[]; lists: BoxSnapshot }> {
  const problems: string[] = [];
  const lists: BoxSnapshot = { visible: [], hidden: [] };
  if (await present(join(root, JOURNAL_FILE))) problems.push('the journal is still on the box');
  for (const place of [root, join(root, CONTENT_DIR), join(root, HIDDEN_CONTENT_DIR)]) {
    const names = await readdir(place).catch(() => [] as string[]);
    for (const name of names.filter(isTalemoTempName)) problems.push(`leftover ${name} in ${place}`);
  }
  for (const hidden of [false, true]) {
    const name = hidden ? '.pi.hidden' : '.pi';
    let uuids: string[];
    try {
      uuids = parsePackIndex(await readFile(join(root, name)).catch(() => Buffer.alloc(0)), name);
    } catch (error) {
      problems.push(`${name} does not parse: ${(error as Error).message}`);
      continue;
    }
    if (hidden) lists.hidden = uuids;
    else lists.visible = uuids;
    for (const uuid of uuids) {
      const dir = packDir(root, uuid, hidden);
      const source = sources.get(uuid);
      if (!source) {
        problems.push(`${name} lists ${uuid}, which no test pack has`);
        continue;
      }
      if (!(await present(dir))) {
        problems.push(`${name} lists ${uuid} but its folder is missing`);
        continue;
      }
      const verdict = await verifyLuniiPack(dir, keys);
      if (!verdict.ok) problems.push(`${uuid} is not a valid pack: ${verdict.problems.join('; ')}`);
      if (!sameFiles(await folderHashes(dir), await folderHashes(source))) {
        problems.push(`${uuid} on the box differs from its source`);
      }
    }
  }
  const all = [...lists.visible, ...lists.hidden];
  if (new Set(all).size !== all.length) problems.push(`a pack is listed twice: ${all.join(', ')}`);
  const box = await openLuniiBox(root);
  if (box.notInPackList.length > 0) problems.push(`folders not in any list: ${box.notInPackList.join(', ')}`);
  return { problems, lists };
}

/** Night mode is a per-box choice: the `nm` marker may differ from the compiled source. */
function sameFiles(onBox: Record<string, string>, source: Record<string, string>): boolean {
  const strip = (files: Record<string, string>): string =>
    JSON.stringify(
      Object.entries(files)
        .filter(([path]) => path !== 'nm')
        .sort(),
    );
  return strip(onBox) === strip(source);
}

async function present(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
