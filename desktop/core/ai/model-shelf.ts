/**
 * The models on this computer: the catalogue with what is installed (and its size), what a
 * stopped download left to resume, and the drafting model recommended for this laptop;
 * installing (download with progress, cancel, resume) and removing. Models live in the data
 * folder's `models/`, beside the library.
 */
import { join } from 'node:path';

import {
  loadBundledCatalogue,
  findModel,
  type Catalogue,
  type CatalogueEntry,
} from '../../../models/catalogue/catalogue';
import { detectHardware, type HardwareInfo } from '../../../models/catalogue/hardware';
import {
  listInstalledModels,
  listResumableDownloads,
  removeModel,
} from '../../../models/catalogue/installed-models';
import { ModelDownloadError } from '../../../models/catalogue/model-download-error';
import { downloadModel } from '../../../models/catalogue/model-downloader';
import { recommendDraftingModel, type DraftingRecommendation } from '../../../models/catalogue/recommend';
import { TalemoError } from '../errors';
import type { JobControl } from '../studio/studio-import';

export interface ShelfModel {
  entry: CatalogueEntry;
  installed: boolean;
  sizeOnDiskBytes: number;
  /** Bytes a stopped download already holds (a pull resumes from there). */
  resumableBytes: number;
}

export interface Shelf {
  models: ShelfModel[];
  hardware: HardwareInfo;
  recommendation: DraftingRecommendation;
}

export class ModelShelf {
  readonly dir: string;
  readonly catalogue: Catalogue;
  #hardware: Promise<HardwareInfo> | null = null;

  constructor(dataDir: string, catalogue: Catalogue = loadBundledCatalogue()) {
    this.dir = join(dataDir, 'models');
    this.catalogue = catalogue;
  }

  async list(language?: string): Promise<Shelf> {
    const [installed, resumable, hardware] = await Promise.all([
      listInstalledModels(this.dir, this.catalogue),
      listResumableDownloads(this.dir, this.catalogue),
      this.hardware(),
    ]);
    const models = this.catalogue.models.map((entry) => {
      const here = installed.find((model) => model.id === entry.id);
      const partial = resumable.find((download) => download.id === entry.id);
      return {
        entry,
        installed: here !== undefined,
        sizeOnDiskBytes: here?.sizeOnDiskBytes ?? 0,
        resumableBytes: here ? 0 : (partial?.downloadedBytes ?? 0),
      };
    });
    const recommendation = recommendDraftingModel(hardware, this.catalogue, language ? { language } : {});
    return { models, hardware, recommendation };
  }

  /** Downloads a catalogue model (resuming what a stopped download left). */
  async pull(id: string, control: JobControl = {}): Promise<ShelfModel> {
    const entry = this.#entry(id);
    try {
      await downloadModel(entry, {
        modelsDir: this.dir,
        ...(control.signal ? { signal: control.signal } : {}),
        onProgress: (progress) =>
          control.onProgress?.('downloading', progress.doneBytes, progress.totalBytes ?? 0),
      });
    } catch (error) {
      if (error instanceof ModelDownloadError) {
        throw new TalemoError(error.code === 'cancelled' ? 'cancelled' : 'download-failed', error.message);
      }
      throw error;
    }
    const shelf = await this.list();
    return shelf.models.find((model) => model.entry.id === id)!;
  }

  async remove(id: string): Promise<boolean> {
    this.#entry(id);
    return removeModel(this.dir, id);
  }

  /** Folders of installed models of one kind ('tts' voices, 'stt' transcribers), in catalogue order. */
  async installedFolders(kind: 'tts' | 'stt'): Promise<string[]> {
    const installed = await listInstalledModels(this.dir, this.catalogue);
    return installed.filter((model) => model.entry?.kind === kind).map((model) => model.folder);
  }

  /** The file of an installed drafting model: the recommended one among those installed, or a given id. */
  async draftingModelPath(id?: string): Promise<string | null> {
    const installed = (await listInstalledModels(this.dir, this.catalogue)).filter(
      (model) => model.entry?.kind === 'llm' && (id === undefined || model.id === id),
    );
    if (installed.length === 0) return null;
    const hardware = await this.hardware();
    const choice = recommendDraftingModel(hardware, {
      version: this.catalogue.version,
      models: installed.map((model) => model.entry!),
    }).model;
    const model = installed.find((candidate) => candidate.id === choice?.id) ?? installed[0]!;
    return join(model.folder, model.entry!.files[0]!.path);
  }

  hardware(): Promise<HardwareInfo> {
    this.#hardware ??= detectHardware();
    return this.#hardware;
  }

  #entry(id: string): CatalogueEntry {
    const entry = findModel(this.catalogue, id);
    if (!entry)
      throw new TalemoError(
        'not-found',
        `No model "${id}" in the catalogue. "talemo models list" shows them.`,
      );
    return entry;
  }
}
