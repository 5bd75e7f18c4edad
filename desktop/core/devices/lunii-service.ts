/**
 * Lunii boxes as the app and the CLI see them: what is on a box (named from the library, since
 * a pack on a Lunii carries no title), and the changes a parent makes (install, remove, move,
 * hide, night mode, export), each repaired-before and backed-up-before by the transfer layer.
 *
 * One operation per box at a time: a second click on "Install" while the first is copying
 * waits its turn instead of racing it on the same `.pi`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { openLuniiBox, type LuniiBox } from '../../../device-bridge/devices/lunii-box';
import { installPacks } from '../../../device-bridge/transfer/pack-install';
import { removePack } from '../../../device-bridge/transfer/pack-remove';
import { reorderPacks } from '../../../device-bridge/transfer/pack-reorder';
import { setPackHidden } from '../../../device-bridge/transfer/pack-hide';
import { setNightMode } from '../../../device-bridge/transfer/night-mode';
import { repairBox, type RepairAction } from '../../../device-bridge/transfer/box-repair';
import type { StoryGraph } from '../../../device-bridge/pack/story-graph';
import type { StoryModeration } from '../ai/story-moderation';
import { graphWithTitleCard } from './device-picture';
import type { Story } from '../story/story';
import type { Library } from '../library/library';
import type { JobControl } from '../studio/studio-import';
import { exportFileName } from '../studio/studio-export';
import { TalemoError } from '../errors';
import { luniiErrorAsTalemoError } from './lunii-errors';
import { BoxPackNames } from './box-pack-names';
import { packUuidFor } from './pack-uuid';

export interface BoxPack {
  uuid: string;
  folderName: string;
  /** Place in the box's list, from 1; null for a hidden pack. */
  position: number | null;
  title: string | null;
  storyId: string | null;
  hidden: boolean;
  /** False when the box's list names a pack whose folder is gone. */
  present: boolean;
  nightMode: boolean;
  sizeBytes: number;
}

export interface LuniiBoxReport {
  root: string;
  family: string;
  firmware: string;
  serial: string;
  mdVersion: number;
  freeBytes: number;
  totalBytes: number;
  readOnly: boolean;
  packs: BoxPack[];
  /** What repair did on opening the box, in plain words. */
  repairs: RepairAction[];
  /** What a parent should know about this box (Wi-Fi sync, firmware updates). */
  warnings: BoxWarning[];
}

export type InstallSource = { storyId: string } | { zipPath: string };

export interface InstallOutcome {
  installed: { uuid: string; folderName: string; title: string; storyId: string | null; bytes: number }[];
  safeToUnplug: boolean;
}

/** One box of a classroom run: what it received and what it holds now, for the printed report. */
export interface ClassroomBox {
  root: string;
  serial: string;
  family: string;
  installed: string[];
  alreadyThere: number;
  /** Titles of the box's packs, in its order, after the run. */
  packs: string[];
  freeBytes: number;
  /** Why this box did not get the set (the others went on). */
  error: string | null;
}

export interface ClassroomOutcome {
  boxes: ClassroomBox[];
  /** Stopped before every box was done. */
  cancelled: boolean;
}

export interface PackChange {
  uuid: string;
  title: string;
  position: number | null;
}

export class LuniiService {
  readonly #library: Library;
  readonly #moderation: StoryModeration;
  readonly #names: BoxPackNames;
  readonly #busy = new Map<string, Promise<unknown>>();

  constructor(library: Library, moderation: StoryModeration) {
    this.#library = library;
    this.#moderation = moderation;
    this.#names = new BoxPackNames(library);
  }

  /** Where backups of each box's index live, per serial: kept so a parent can roll back. */
  get #dataDir(): string {
    return this.#library.dir;
  }

  info(root: string): Promise<LuniiBoxReport> {
    return this.#exclusive(root, async () => {
      const repairs = await this.#repair(root);
      return this.#report(await openLuniiBox(root), repairs);
    });
  }

  install(
    root: string,
    sources: readonly InstallSource[],
    control: JobControl = {},
  ): Promise<InstallOutcome> {
    return this.#exclusive(
      root,
      async () => {
        await this.#repair(root);
        const box = await openLuniiBox(root);
        const workDir = join(this.#library.dir, 'cache', 'lunii');
        const compileRoot = join(workDir, `compile-${randomUUID()}`);
        await mkdir(compileRoot, { recursive: true });
        try {
          const compiled = [];
          for (const [index, source] of sources.entries()) {
            const step = (done: number, total: number) =>
              control.onProgress?.(`preparing ${index + 1} of ${sources.length}`, done, total);
            compiled.push(
              await this.#compile(
                source,
                box,
                join(compileRoot, String(index)),
                workDir,
                step,
                control.signal,
              ),
            );
          }
          const result = await installPacks(
            root,
            compiled.map((pack) => ({ uuid: pack.uuid, sourceDir: pack.dir })),
            {
              dataDir: this.#dataDir,
              signal: control.signal,
              onProgress: (done, total) => control.onProgress?.('copying', done, total),
            },
          );
          for (const pack of compiled)
            this.#names.remember(pack.uuid, pack.storyId, pack.title, pack.description);
          return {
            installed: compiled.map((pack) => ({
              uuid: pack.uuid,
              folderName: pack.folderName,
              title: pack.title,
              storyId: pack.storyId,
              bytes: pack.totalBytes,
            })),
            safeToUnplug: result.safeToUnplug,
          };
        } finally {
          await rm(compileRoot, { recursive: true, force: true });
        }
      },
      control.signal,
    );
  }

  /**
   * Classroom mode: the same stories onto several boxes, one after another. A box that fails
   * (unplugged, full) does not stop the others, and a story a box already holds is skipped, so
   * running the set again after plugging a box back in finishes the job.
   */
  async installToBoxes(
    roots: readonly string[],
    storyIds: readonly string[],
    control: JobControl = {},
  ): Promise<ClassroomOutcome> {
    const boxes: ClassroomBox[] = [];
    for (const [index, root] of roots.entries()) {
      if (control.signal?.aborted) break;
      const step = `box ${index + 1} of ${roots.length}`;
      try {
        const before = await this.info(root);
        const present = new Set(before.packs.map((pack) => pack.storyId));
        const wanted = storyIds.filter((id) => !present.has(id));
        const outcome =
          wanted.length === 0
            ? null
            : await this.install(
                root,
                wanted.map((storyId) => ({ storyId })),
                {
                  signal: control.signal,
                  onProgress: (phase, done, total) => control.onProgress?.(`${step}: ${phase}`, done, total),
                },
              );
        const after = await this.info(root);
        boxes.push({
          root,
          serial: after.serial,
          family: after.family,
          installed: outcome?.installed.map((pack) => pack.title) ?? [],
          alreadyThere: storyIds.length - wanted.length,
          packs: after.packs.filter((pack) => !pack.hidden).map((pack) => pack.title ?? pack.folderName),
          freeBytes: after.freeBytes,
          error: null,
        });
      } catch (error) {
        if (control.signal?.aborted) throw error;
        boxes.push({
          root,
          serial: '',
          family: '',
          installed: [],
          alreadyThere: 0,
          packs: [],
          freeBytes: 0,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return { boxes, cancelled: control.signal?.aborted === true };
  }

  async #compile(
    source: InstallSource,
    box: LuniiBox,
    outDir: string,
    workDir: string,
    onProgress: (done: number, total: number) => void,
    signal: AbortSignal | undefined,
  ) {
    // Why loaded here: the compiler brings the audio and image codecs, which opening the app or
    // listing a box does not need.
    const { compileLuniiPack, compileStudioZipToLunii } =
      await import('../../../device-bridge/formats/lunii/lunii-pack-compiler');
    if ('zipPath' in source) {
      const pack = await compileStudioZipToLunii(source.zipPath, box.metadata.keys, outDir, {
        signal,
        onProgress,
        workDir,
      });
      return {
        ...pack,
        dir: pack.folderPath,
        storyId: null,
        title: pack.title ?? `Pack ${pack.folderName}`,
        description: pack.description ?? '',
      };
    }
    const story = this.#library.stories.get(source.storyId);
    this.#moderation.assertPackable(story);
    const uuid = packUuidFor(story);
    const pack = await compileLuniiPack(
      {
        graph: await this.#withCoverPicture(story),
        packUuid: uuid,
        packVersion: Math.min(story.version, 0xffff),
        nightMode: story.nightMode,
        assetPath: (hash: string) => this.#library.assets.path(hash),
      },
      box.metadata.keys,
      outDir,
      { signal, onProgress, workDir },
    );
    return {
      ...pack,
      dir: pack.folderPath,
      storyId: story.id,
      title: story.title,
      description: story.summary,
    };
  }

  /**
   * A Lunii lists packs by their cover's picture (and a v2 pack's boot file needs one): a story
   * without one gets a title card made here (its title and first words on a themed background),
   * kept in the asset store for the pack only; the story itself is not changed.
   */
  async #withCoverPicture(story: Story): Promise<StoryGraph> {
    const cover = story.graph.stages.find((stage) => stage.id === story.graph.coverId);
    if (!cover || cover.image) return story.graph;
    return graphWithTitleCard(story, cover.id, this.#library.assets);
  }

  remove(root: string, pack: string): Promise<PackChange> {
    return this.#change(root, pack, async (uuid) => {
      await removePack(root, uuid, { dataDir: this.#dataDir });
    });
  }

  move(root: string, pack: string, position: number): Promise<PackChange> {
    return this.#change(root, pack, async (uuid, box) => {
      const order = box.packs.filter((entry) => !entry.hidden).map((entry) => entry.uuid);
      const from = order.indexOf(uuid);
      if (from < 0)
        throw new TalemoError('invalid-input', 'This pack is hidden: show it again before moving it.');
      order.splice(from, 1);
      order.splice(Math.min(position, order.length + 1) - 1, 0, uuid);
      await reorderPacks(root, order, { dataDir: this.#dataDir });
    });
  }

  setHidden(root: string, pack: string, hidden: boolean): Promise<PackChange> {
    return this.#change(root, pack, async (uuid) => {
      await setPackHidden(root, uuid, hidden, { dataDir: this.#dataDir });
    });
  }

  setNightMode(root: string, pack: string, on: boolean): Promise<PackChange> {
    return this.#change(root, pack, async (uuid) => {
      await setNightMode(root, uuid, on, { dataDir: this.#dataDir });
    });
  }

  export(root: string, pack: string, outZip: string, control: JobControl = {}): Promise<PackChange> {
    return this.#change(
      root,
      pack,
      async (uuid, box) => {
        const entry = box.packs.find((candidate) => candidate.uuid === uuid)!;
        const folder = join(root, entry.hidden ? '.content.hidden' : '.content', entry.folderName);
        const names = this.#names.lookup(uuid);
        const { exportLuniiPackToStudio } = await import('../../../device-bridge/formats/lunii/lunii-export');
        await exportLuniiPackToStudio(folder, uuid, box.metadata.keys, outZip, {
          title: names?.title ?? null,
          description: names?.description ?? null,
          signal: control.signal,
          onProgress: (done: number, total: number) => control.onProgress?.('exporting', done, total),
          workDir: join(this.#library.dir, 'cache', 'lunii'),
        });
      },
      control.signal,
    );
  }

  /** The same, as bytes for the app's Save dialog; the temporary zip is removed either way. */
  async exportToBytes(
    root: string,
    pack: string,
    control: JobControl = {},
  ): Promise<{ fileName: string; data: Uint8Array }> {
    const temp = join(this.#library.dir, 'cache', 'lunii', `export-${randomUUID()}.zip`);
    await mkdir(dirname(temp), { recursive: true });
    try {
      const change = await this.export(root, pack, temp, control);
      return { fileName: exportFileName({ title: change.title }), data: await readFile(temp) };
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Finds the pack a parent named (UUID or folder name), runs the change, reports it. */
  #change(
    root: string,
    packName: string,
    run: (uuid: string, box: LuniiBox) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<PackChange> {
    return this.#exclusive(
      root,
      async () => {
        await this.#repair(root);
        const box = await openLuniiBox(root);
        const wanted = packName.trim().toLowerCase();
        const entry = box.packs.find(
          (candidate) => candidate.uuid === wanted || candidate.folderName.toLowerCase() === wanted,
        );
        if (!entry)
          throw new TalemoError(
            'not-found',
            `This box has no pack "${packName}". Its list shows each pack's UUID and 8-character folder name.`,
          );
        await run(entry.uuid, box);
        const after = this.#report(await openLuniiBox(root), []);
        const now = after.packs.find((candidate) => candidate.uuid === entry.uuid);
        return {
          uuid: entry.uuid,
          title: now?.title ?? this.#names.lookup(entry.uuid)?.title ?? entry.folderName,
          position: now?.position ?? null,
        };
      },
      signal,
    );
  }

  async #repair(root: string): Promise<RepairAction[]> {
    return (await repairBox(root, { dataDir: this.#dataDir })).actions;
  }

  #report(box: LuniiBox, repairs: RepairAction[]): LuniiBoxReport {
    let position = 0;
    const packs = box.packs.map((entry): BoxPack => {
      const names = this.#names.lookup(entry.uuid);
      return {
        uuid: entry.uuid,
        folderName: entry.folderName,
        position: entry.hidden ? null : ++position,
        title: names?.title ?? null,
        storyId: names?.storyId ?? null,
        hidden: entry.hidden,
        present: entry.present,
        nightMode: entry.nightMode,
        sizeBytes: entry.sizeBytes,
      };
    });
    return {
      root: box.root,
      family: box.metadata.family,
      firmware: box.metadata.firmware,
      serial: box.metadata.serial,
      mdVersion: box.metadata.mdVersion,
      freeBytes: box.freeBytes,
      totalBytes: box.totalBytes,
      readOnly: box.readOnly,
      packs,
      repairs,
      warnings: boxWarnings(box),
    };
  }

  /** Runs one operation on a box after the one before it, with the bridge's errors in our words. */
  #exclusive<T>(root: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#busy.get(root) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(run)
      .catch((error: unknown) => {
        throw luniiErrorAsTalemoError(error, signal);
      });
    this.#busy.set(root, next);
    void next
      .finally(() => {
        if (this.#busy.get(root) === next) this.#busy.delete(root);
      })
      .catch(() => undefined);
    return next;
  }
}

export interface BoxWarning {
  /** The UI words each code in its own language; `text` is for the CLI. */
  code: 'wifi-sync' | 'firmware-update' | 'read-only';
  text: string;
}

/** What the peers' users wish they had been told (shared/research/devices.md §1.7). */
function boxWarnings(box: LuniiBox): BoxWarning[] {
  const warnings: BoxWarning[] = [];
  if (box.metadata.family === 'v3')
    warnings.push({
      code: 'wifi-sync',
      text: 'Keep this box off Wi-Fi: a Wi-Fi sync with Lunii can delete packs that did not come from the Luniistore.',
    });
  warnings.push({
    code: 'firmware-update',
    text: "Before a firmware update, export your own packs: updates have changed the format before, and Talemo keeps a copy of this box's key file for that case.",
  });
  if (box.readOnly)
    warnings.push({
      code: 'read-only',
      text: 'This box is read-only right now: nothing can be installed until it is mounted for writing.',
    });
  return warnings;
}
