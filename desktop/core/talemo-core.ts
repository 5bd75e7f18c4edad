/**
 * The local app service: one library folder and what can be done with it. The desktop
 * app, web mode and the CLI all drive this same object; it knows nothing of Electron.
 */
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { devicePicture, graphWithTitleCard, type DevicePicture } from './devices/device-picture';
import { graphWithPicture, type PictureFile } from './story/page-picture';
import { validateGraph, type GraphIssue } from '../../device-bridge/pack/graph-validation';
import type { StoryGraph } from '../../device-bridge/pack/story-graph';
import { findDuplicates, type DuplicateMatch } from '../../models/dedupe/duplicate-guard';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../models/dedupe/duplicate-score';
import type { Embedder } from '../../models/embed/embedder';
import type { DraftRequest } from '../../models/llm/draft-request';
import type { Transcript } from '../../models/speech/whisper-transcriber';
import { moderateWithClassifier } from '../../models/moderation/moderate-with-classifier';
import type { ModerationFinding } from '../../models/moderation/moderation-result';
import type { DraftControl, DraftResult } from '../../models/llm/story-drafting';
import { DraftingService, type DraftingOptions } from './ai/drafting-service';
import type { MemoOptions } from './ai/memo-transcription';

import { ModelShelf } from './ai/model-shelf';
import {
  contentHash,
  StoryModeration,
  type ModerationDecision,
  type StoryModerationReport,
} from './ai/story-moderation';
import { LuniiService } from './devices/lunii-service';
import { resumeYotoQueue } from './packs/yoto-resume';
import { SyncService } from './sync/sync-service';
import { chooseEmbedder, type EmbedderChoice } from './embedder-choice';
import { TalemoError } from './errors';
import { seedExamplesOnce } from './examples/seed-examples';
import { DuplicateOverrides, type DuplicateOverride } from './library/duplicate-overrides';
import { findDuplicatePairs } from './search/duplicate-pairs';
import { openLibrary, type Library } from './library/library';
import type { StoryFilters, StorySearchHit } from './library/story-repository';
import { hybridSearch } from './search/hybrid-search';
import { storyText } from './search/story-text';
import { StoryVectors, type IndexJobStatus } from './search/story-vectors';
import {
  NarrationService,
  type AttachAudioInput,
  type NarrateOptions,
  type NarrationResult,
} from './narration/narration-service';
import { NEW_STORY_DEFAULTS, newStoryGraph } from './story/new-story';
import { estimateReadingSeconds } from './story/reading-time';
import type { AgeRange, AiProvenance, Story, StoryMeta, StorySummary } from './story/story';
import { checkStoryText, linearStoryGraph } from './story/text-story';
import { exportStudioPackToBytes, exportStudioPackToFile } from './studio/studio-export';
import { importStudioPack, type JobControl, type StudioImportResult } from './studio/studio-import';

/** A memo's file, whatever its format: 30 minutes of even uncompressed 48 kHz stereo fit. */
const MAX_MEMO_BYTES = 200 * 1024 * 1024;

export type StoryChanges = Partial<StoryMeta> & { graph?: StoryGraph };

/** A story named in a duplicate pair. */
export interface StoryRef {
  id: string;
  title: string;
}

/** A story the duplicate guard flagged: who it is, how close, and the passages that match. */
export interface DuplicateFlag extends DuplicateMatch {
  title: string;
}

export interface OpenOptions extends EmbedderChoice {
  /**
   * An embedder the caller made and closes (tests, benches). Otherwise the core loads the
   * one `modelFolder` names, or the built-in hashed one, and frees it on close.
   */
  embedder?: Embedder | undefined;
  /** Where the bundled app emitted the drafting worker. */
  llmWorkerUrl?: URL | undefined;
  /** An espeak-ng shipped beside the app, used instead of the one on PATH. */
  espeakPath?: string | undefined;
  /** Where the bundled app emitted the Piper voice and Whisper workers. */
  piperWorkerUrl?: URL | undefined;
  whisperWorkerUrl?: URL | undefined;
  /**
   * Sync with the family's cloud in the background while signed in (the app and web mode), and
   * go on sending what waits in the Yoto queue. The CLI leaves it off: its changes are queued
   * and go with the app's next round.
   */
  backgroundSync?: boolean | undefined;
}

export interface DraftOutcome {
  draft: DraftResult;
  /** Null for a page (continue or rewrite): it is checked when the story is saved. */
  moderation: StoryModerationReport | null;
  duplicates: DuplicateFlag[];
}

/** Where the library keeps its duplicate threshold (on the guard's common scale, so one for every embedder). */
const THRESHOLD_KEY = 'duplicate_threshold';
const MODEL_CHECKS_KEPT = 20;

export class TalemoCore {
  readonly library: Library;
  readonly vectors: StoryVectors;
  readonly overrides: DuplicateOverrides;
  readonly moderation: StoryModeration;
  readonly shelf: ModelShelf;
  readonly drafting: DraftingService;
  readonly narration: NarrationService;
  readonly lunii: LuniiService;
  readonly #closers: (() => Promise<void> | void)[] = [];
  readonly sync: SyncService;

  readonly #freeEmbedder: () => Promise<void>;
  readonly #whisperWorkerUrl: URL | undefined;
  readonly #modelChecks = new Map<string, { model: string; findings: ModerationFinding[] }>();

  private constructor(
    library: Library,
    vectors: StoryVectors,
    freeEmbedder: () => Promise<void>,
    drafting: DraftingOptions,
    speech: Pick<OpenOptions, 'espeakPath' | 'piperWorkerUrl' | 'whisperWorkerUrl'>,
  ) {
    this.library = library;
    this.#freeEmbedder = freeEmbedder;
    this.vectors = vectors;
    this.overrides = new DuplicateOverrides(library.db);
    this.moderation = new StoryModeration(library.db);
    this.shelf = new ModelShelf(library.dir);
    this.drafting = new DraftingService(this.shelf, drafting);
    this.lunii = new LuniiService(library, this.moderation);
    this.sync = new SyncService({
      library,
      childConsent: (profileId) => {
        const profile = this.narration.store.profile(profileId);
        return {
          recording: profile?.recordingConsent ?? false,
          cloudSync: profile?.cloudSyncConsent ?? false,
        };
      },
    });
    // Why re-run the save hooks: a story written from the server needs its vector and moderation verdict too.
    this.sync.on('applied', ({ storyId, kind }) => {
      if (kind === 'deleted') this.vectors.remove(storyId);
      else this.#afterSave(this.library.stories.get(storyId));
    });
    this.#whisperWorkerUrl = speech.whisperWorkerUrl;
    this.narration = new NarrationService(
      library,
      {
        espeakPath: speech.espeakPath,
        piperWorkerUrl: speech.piperWorkerUrl,
        piperModelDirs: () => this.shelf.installedFolders('tts'),
      },
      (id, expectedVersion, graph, durationSec) => this.update(id, expectedVersion, { graph, durationSec }),
    );
  }

  /**
   * Opens (creating when missing) a library folder; a new one gets the example stories. If the
   * active embedder's index lacks stories, it is filled in the background (`indexStatus`).
   */
  static async open(dir: string, options: OpenOptions = {}): Promise<TalemoCore> {
    const chosen = options.embedder
      ? { embedder: options.embedder, close: async () => {} }
      : await chooseEmbedder(options);
    let library: Library;
    try {
      library = openLibrary(dir);
    } catch (error) {
      await chosen.close();
      throw error;
    }
    let core: TalemoCore;
    try {
      await seedExamplesOnce(library);
      // Why at open: files of deleted stories, and what a crash left in tmp/, go once they are old.
      library.assets.collectGarbage();
      core = new TalemoCore(
        library,
        new StoryVectors(library.db, chosen.embedder),
        chosen.close,
        {
          workerUrl: options.llmWorkerUrl,
        },
        options,
      );
    } catch (error) {
      library.close();
      await chosen.close();
      throw error;
    }
    core.vectors.startReindexIfNeeded(library.stories.ids(), (id) => core.#textOf(id));
    if (options.backgroundSync) {
      core.sync.start();
      void resumeYotoQueue(core);
    }
    return core;
  }

  list(filters: StoryFilters = {}): StorySummary[] {
    return this.library.stories.list(filters);
  }

  /** Hybrid search: keyword (BM25) and vector (KNN) ranks fused (RRF, k = 60), within the filters. */
  search(query: string, filters: StoryFilters = {}): Promise<StorySearchHit[]> {
    return hybridSearch(this.library.stories, this.vectors, query, filters);
  }

  get(id: string): { story: Story; issues: GraphIssue[] } {
    const story = this.library.stories.get(id);
    return { story, issues: validateGraph(story.graph) };
  }

  create(input: Partial<StoryMeta> & { title: string; graph?: StoryGraph | undefined }): Story {
    const { graph = newStoryGraph(input.title), ...meta } = input;
    const story = this.#inTransaction(() =>
      this.#afterSave(this.library.stories.insert({ ...NEW_STORY_DEFAULTS, ...meta }, graph)),
    );
    // After the commit, so a sync problem can never fail a save.
    this.sync.storyChanged(story.id);
    return story;
  }

  update(id: string, expectedVersion: number, changes: StoryChanges): Story {
    // Why: until narration exists, a text edit changes how long the story plays.
    const durationSec =
      changes.durationSec ??
      (changes.graph && !hasAudio(changes.graph) ? estimateReadingSeconds(changes.graph) : undefined);
    const story = this.#inTransaction(() =>
      this.#afterSave(
        this.library.stories.update(
          id,
          expectedVersion,
          durationSec === undefined ? changes : { ...changes, durationSec },
        ),
      ),
    );
    this.sync.storyChanged(story.id);
    return story;
  }

  devicePicture(id: string, nodeId: string): Promise<DevicePicture> {
    return devicePicture(this.library.stories.get(id), nodeId, this.library.assets);
  }

  /** A page's picture from a file the parent picked, or none (`null`). */
  async setPicture(
    id: string,
    nodeId: string,
    expectedVersion: number,
    file: PictureFile | null,
  ): Promise<Story> {
    const story = this.library.stories.get(id);
    return this.update(id, expectedVersion, {
      graph: await graphWithPicture(story, nodeId, file, this.library.assets),
    });
  }

  async useTitleCard(id: string, nodeId: string, expectedVersion: number): Promise<Story> {
    const story = this.library.stories.get(id);
    return this.update(id, expectedVersion, {
      graph: await graphWithTitleCard(story, nodeId, this.library.assets),
    });
  }

  delete(id: string, expectedVersion: number): void {
    this.#inTransaction(() => {
      this.library.stories.delete(id, expectedVersion);
      this.vectors.remove(id);
    });
    this.sync.storyDeleted(id);
  }

  /**
   * A plain text as a new linear story (a page per paragraph), then the duplicate guard on it,
   * as on any save: the flags are returned, the story is added whatever they say.
   */
  async addText(input: {
    title: string;
    text: string;
    language?: string | undefined;
  }): Promise<{ story: StorySummary; duplicates: DuplicateFlag[] }> {
    const text = checkStoryText(input.text, `"${input.title}"`);
    const graph = linearStoryGraph(input.title, text);
    const story = this.create({
      title: input.title,
      graph,
      durationSec: estimateReadingSeconds(graph),
      ...(input.language ? { language: input.language } : {}),
    });
    await this.vectors.whenWritten();
    return {
      story: this.library.stories.summary(story.id),
      duplicates: await this.checkDuplicates({ storyId: story.id }),
    };
  }

  async importStudio(
    source: { path: string } | { bytes: Uint8Array; fileName: string },
    control?: JobControl,
  ): Promise<StudioImportResult & { duplicates: DuplicateFlag[] }> {
    const result = await importStudioPack(this.library, source, control);
    this.#afterSave(this.library.stories.get(result.story.id));
    this.sync.storyChanged(result.story.id);
    await this.vectors.whenWritten();
    // Never blocking: the pack is in; the flags tell the parent what it resembles.
    return {
      ...result,
      story: this.library.stories.summary(result.story.id),
      duplicates: await this.checkDuplicates({ storyId: result.story.id }),
    };
  }

  /** A pack for a box: refused while moderation's findings wait for a parent's approval. */
  async exportStudioToFile(id: string, destination: string, control?: JobControl): Promise<void> {
    this.moderation.assertPackable(this.library.stories.get(id));
    return exportStudioPackToFile(this.library, id, destination, control);
  }

  async exportStudioToBytes(
    id: string,
    control?: JobControl,
  ): Promise<{ fileName: string; data: Uint8Array }> {
    this.moderation.assertPackable(this.library.stories.get(id));
    return exportStudioPackToBytes(this.library, id, control);
  }

  /** What moderation finds in a story now, and a parent's decision on it if any. */
  moderationReport(id: string): StoryModerationReport {
    return this.moderation.check(this.library.stories.get(id));
  }

  /** A parent approves what moderation found: the story can then be packed. */
  approveModeration(id: string, reason: string): ModerationDecision {
    const story = this.library.stories.get(id);
    const decision = this.moderation.approve(story, reason);
    // What was found is now approved: no need to read the story again to know it.
    this.library.stories.setModeration(id, 'approved');
    return decision;
  }

  /**
   * A draft from the local model, with what moderation finds in it and the stories it
   * resembles; nothing is saved until `saveDraft`.
   */
  async draftStory(
    request: DraftRequest,
    control: DraftControl & { modelPath?: string | undefined } = {},
  ): Promise<DraftOutcome> {
    const draft = await this.drafting.draft(request, control);
    if (draft.kind === 'page') return { draft, moderation: null, duplicates: [] };
    const { language, ageRange } = request;
    const drafted = {
      id: '',
      title: draft.title,
      summary: draft.summary,
      graph: draft.graph,
      language,
      ageRange,
    };
    const modelFindings = await this.#modelModeration(drafted, control.signal);
    const moderation = this.moderation.check(drafted, modelFindings?.findings ?? []);
    const text = storyText(drafted);
    const duplicates = /[\p{L}\p{N}]/u.test(text) ? await this.checkDuplicates({ text }) : [];
    return { draft, moderation, duplicates };
  }

  /** Keeps a drafted story in the library, marked as AI-written with what made it. */
  async saveDraft(input: {
    title: string;
    summary: string;
    graph: StoryGraph;
    language: string;
    ageRange: AgeRange;
    provenance: AiProvenance;
  }): Promise<{ story: Story; duplicates: DuplicateFlag[] }> {
    const story = this.create({
      title: input.title,
      summary: input.summary,
      graph: input.graph,
      language: input.language,
      ageRange: input.ageRange,
      durationSec: estimateReadingSeconds(input.graph),
      aiGenerated: true,
      aiProvenance: input.provenance,
      author: input.provenance.modelName || input.provenance.model,
    });
    // The model's moderation pass, done when drafting (or now, if the parent edited the words).
    const checked = await this.#modelModeration(story);
    if (checked) {
      this.moderation.recordModelFindings(story, checked.model, checked.findings);
      this.library.stories.setModeration(story.id, this.moderation.status(story));
    }
    await this.vectors.whenWritten();
    return { story, duplicates: await this.checkDuplicates({ storyId: story.id }) };
  }

  /**
   * The duplicate guard: stories at or above the library's threshold, with the passages that
   * match, leaving out pairs a parent marked "not a duplicate". A story is never its own.
   */
  /** Narrates the story's pages with its voice (only the pages whose words or voice changed). */
  narrate(id: string, options: NarrateOptions = {}): Promise<NarrationResult> {
    return this.narration.narrateStory(this.library.stories.get(id), options);
  }

  /** A recording or an imported audio file as one page's narration. */
  attachNarration(input: AttachAudioInput): Promise<Story> {
    return this.narration.attachAudio(this.library.stories.get(input.storyId), input);
  }

  /** A voice memo as text, by the installed Whisper model (the memo's bytes never leave). */
  async transcribeMemo(
    input: { fileName: string; data: Uint8Array },
    options: Omit<MemoOptions, 'workerUrl'> = {},
  ): Promise<Transcript> {
    if (input.data.byteLength === 0) throw new TalemoError('bad-audio', `${input.fileName} is empty.`);
    if (input.data.byteLength > MAX_MEMO_BYTES)
      throw new TalemoError(
        'too-large',
        `${input.fileName} is larger than 200 MB: split the memo into shorter parts.`,
      );
    const path = this.library.assets.tempPath(`memo${extname(input.fileName).replace(/[^.\w]/g, '')}`);
    try {
      await writeFile(path, input.data);
      const { transcribeMemo } = await import('./ai/memo-transcription');
      return await transcribeMemo(this.shelf, path, { ...options, workerUrl: this.#whisperWorkerUrl });
    } finally {
      rmSync(path, { force: true });
    }
  }

  async checkDuplicates(input: { text: string } | { storyId: string }): Promise<DuplicateFlag[]> {
    const selfId = 'storyId' in input ? input.storyId : undefined;
    const text =
      'storyId' in input
        ? storyText(this.library.stories.get(input.storyId))
        : checkStoryText(input.text, 'The text to check');
    const matches = await findDuplicates({
      embedder: this.vectors.embedder,
      index: this.vectors.index,
      text,
      threshold: this.duplicateThreshold(),
      selfId,
      textOf: (id) => this.#textOf(id),
      isOverridden: selfId ? (otherId) => this.overrides.has(selfId, otherId) : undefined,
    });
    return matches.map((match) => ({ ...match, title: this.library.stories.summary(match.id).title }));
  }

  /** Every pair of stories the guard flags, from the stored vectors (nothing re-embedded), best first. */
  async duplicatePairs(): Promise<{ a: StoryRef; b: StoryRef; score: number }[]> {
    await this.vectors.whenWritten();
    const pairs = findDuplicatePairs({
      db: this.library.db,
      index: this.vectors.index,
      boundary: this.vectors.embedder.duplicateCosine,
      threshold: this.duplicateThreshold(),
      isOverridden: (one, other) => this.overrides.has(one, other),
    });
    const ref = (id: string): StoryRef => ({ id, title: this.library.stories.summary(id).title });
    return pairs.map(({ storyA, storyB, score }) => ({ a: ref(storyA), b: ref(storyB), score }));
  }

  /** A parent's decision: these two stories are not duplicates; the pair is never flagged again. */
  overrideDuplicate(storyId: string, otherId: string, reason: string): DuplicateOverride {
    return this.overrides.add(storyId, otherId, reason);
  }

  /** The library's duplicate threshold: 0.85 unless a parent changed it. */
  duplicateThreshold(): number {
    const stored = this.library.getMeta(THRESHOLD_KEY);
    const value = stored === null ? NaN : Number(stored);
    return Number.isFinite(value) ? value : DEFAULT_DUPLICATE_THRESHOLD;
  }

  setDuplicateThreshold(value: number): number {
    if (!Number.isFinite(value) || value <= 0 || value > 1) {
      throw new TalemoError(
        'invalid-input',
        'The duplicate threshold is a similarity above 0 and at most 1.',
      );
    }
    this.library.setMeta(THRESHOLD_KEY, String(value));
    return value;
  }

  /** The background re-index of the active embedder's vectors. */
  indexStatus(): IndexJobStatus {
    return this.vectors.status();
  }

  /** Resolves once the background re-index and queued vector writes are done. */
  whenIndexed(): Promise<void> {
    return this.vectors.whenIdle();
  }

  /**
   * Work started beside the core on first use (the Yoto uploader) stops when the core closes,
   * before the library it reads is closed under it.
   */
  onClose(stop: () => Promise<void> | void): void {
    this.#closers.push(stop);
  }

  close(): void {
    for (const stop of this.#closers.splice(0)) void stop();
    // Why not awaited: stop clears the timer at once; a round in flight ends on its own (it never throws).
    void this.sync.stop();
    this.vectors.cancel();
    void this.drafting.close();
    this.library.close();
    // Why not awaited: an idle worker does not hold the process, and close stays synchronous.
    void this.#freeEmbedder();
  }

  #textOf(id: string): string | null {
    try {
      return storyText(this.library.stories.get(id));
    } catch (error) {
      if ((error as TalemoError).code === 'not-found') return null;
      throw error;
    }
  }

  /**
   * The loaded drafting model's moderation pass over a story's words, remembered by content so
   * saving the draft just made does not run it twice. Null when no model is loaded.
   */
  async #modelModeration(
    story: Pick<Story, 'title' | 'summary' | 'graph' | 'language' | 'ageRange'>,
    signal?: AbortSignal,
  ): Promise<{ model: string; findings: ModerationFinding[] } | null> {
    const hash = contentHash(story);
    const known = this.#modelChecks.get(hash);
    if (known) return known;
    const classifier = await this.drafting.moderationClassifier();
    if (!classifier) return null;
    const classified = await moderateWithClassifier(
      storyText(story),
      { language: story.language, ageRange: story.ageRange, ...(signal ? { signal } : {}) },
      classifier,
    );
    if (classified.classifier.status === 'failed') return null;
    const checked = {
      model: basename(classifier.model),
      findings: classified.findings.filter((finding) => finding.source === 'classifier'),
    };
    this.#modelChecks.set(hash, checked);
    // Only the last few drafts can still be saved as they were shown.
    if (this.#modelChecks.size > MODEL_CHECKS_KEPT)
      this.#modelChecks.delete(this.#modelChecks.keys().next().value!);
    return checked;
  }

  /** What every save does: the story's vector, and moderation's verdict on its content. */
  #afterSave(story: Story): Story {
    this.vectors.upsert(
      story.id,
      storyText(story),
      () => this.library.db.open && this.#textOf(story.id) !== null,
    );
    const moderation = this.moderation.status(story);
    if (moderation === story.moderation) return story;
    this.library.stories.setModeration(story.id, moderation);
    return { ...story, moderation };
  }

  #inTransaction<T>(work: () => T): T {
    return this.library.db.transaction(work).immediate();
  }
}

function hasAudio(graph: StoryGraph): boolean {
  return graph.stages.some((stage) => stage.audio !== null);
}
