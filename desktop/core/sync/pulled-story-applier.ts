// Writes what the server sent into the library: new stories inserted (conflict copies are new
// stories too), newer versions written over the local one, deleted ones removed. Files the
// library lacks are downloaded and checked against their SHA-256 before the story that uses
// them is written, so the library never names a file it does not have.
import { createHash } from 'node:crypto';
import type { StageNode } from '../../../device-bridge/pack/story-graph.js';
import type { Library } from '../library/library.js';
import { NarrationStore } from '../narration/narration-store.js';
import type { Story } from '../story/story.js';
import { parseStoryBody, type StoryBody } from './story-sync-body.js';
import type { SyncLocalState } from './sync-local-state.js';
import type { SyncOutbox } from './sync-outbox.js';
import type { PulledStory } from './sync-wire.js';

export type AppliedKind = 'inserted' | 'updated' | 'deleted';

export interface AppliedStory {
  storyId: string;
  kind: AppliedKind;
}

export interface PulledStoryApplierOptions {
  library: Library;
  outbox: SyncOutbox;
  local: SyncLocalState;
  download(sha256: string): Promise<Buffer>;
  /** Queues the local story as it is now (it has edits the server has not seen). */
  queueLocal(storyId: string): void;
  /** A pulled story this app cannot read (another app's format): skipped, with this sentence. */
  onUnreadable(storyId: string, message: string): void;
  onApplied(applied: AppliedStory): void;
}

export class PulledStoryApplier {
  private readonly narration: NarrationStore;

  constructor(private readonly options: PulledStoryApplierOptions) {
    this.narration = new NarrationStore(options.library.db);
  }

  async apply(stories: readonly PulledStory[]): Promise<void> {
    for (const pulled of stories) {
      const local = this.localStory(pulled.storyId);
      if (this.alreadyHere(pulled, local)) continue;
      if (local && this.options.local.localVersion(local.id) !== local.version)
        // Edited here and not queued yet: queue it first, so the server keeps it (as a copy).
        this.options.queueLocal(local.id);
      if (pulled.deleted) this.remove(local);
      else await this.write(pulled, local);
    }
  }

  /**
   * This computer has this version or a newer one (its own push, or an earlier pull). The one
   * exception is a story it never had: the conflict copy the server made of its own edit.
   */
  private alreadyHere(pulled: PulledStory, local: Story | null): boolean {
    const { outbox } = this.options;
    if (pulled.version > outbox.knownVersion(pulled.storyId)) return false;
    return local !== null || pulled.deleted || outbox.countFor(pulled.storyId) > 0;
  }

  private localStory(id: string): Story | null {
    const { db, stories } = this.options.library;
    return db.prepare('SELECT 1 FROM stories WHERE id = ?').get(id) !== undefined ? stories.get(id) : null;
  }

  private remove(local: Story | null): void {
    if (!local) return;
    this.options.library.stories.delete(local.id, local.version);
    this.options.local.forget(local.id);
    this.options.onApplied({ storyId: local.id, kind: 'deleted' });
  }

  private async write(pulled: PulledStory, local: Story | null): Promise<void> {
    const parsed = parseStoryBody(pulled.body);
    if (!parsed.ok) {
      this.options.onUnreadable(
        pulled.storyId,
        `A synced story (${pulled.storyId}) was skipped: it is not a Talemo story this version can read (${parsed.reason}).`,
      );
      return;
    }
    const body = parsed.body;
    const stages = keepWithheldAudio(body, local, this.narration);
    await this.fetchMissingAssets(stages);
    const { format: _format, graph: _graph, narration: _narration, withheld, ...meta } = body;
    const graph = { ...body.graph, stages };
    const { db, stories } = this.options.library;
    const written = db.transaction(() => {
      const story = local
        ? stories.update(local.id, local.version, { ...meta, graph })
        : stories.insert(meta, graph, pulled.storyId);
      this.writeNarration(story, body, local);
      this.options.local.markSynced(story.id, story.version);
      this.options.local.setWithheld(story.id, withheld);
      return story;
    })();
    this.options.onApplied({ storyId: written.id, kind: local ? 'updated' : 'inserted' });
  }

  private async fetchMissingAssets(stages: readonly StageNode[]): Promise<void> {
    const wanted = new Map<string, string>();
    for (const stage of stages) {
      if (stage.image) wanted.set(stage.image.hash, stage.image.mime);
      if (stage.audio) wanted.set(stage.audio.hash, stage.audio.mime);
    }
    const { assets } = this.options.library;
    for (const [hash, mime] of wanted) {
      if (assets.get(hash)) continue;
      const data = await this.options.download(hash);
      const actual = createHash('sha256').update(data).digest('hex');
      if (actual !== hash)
        throw new Error(
          `A synced file arrived damaged (its SHA-256 is ${actual}, not ${hash}); it will be fetched again.`,
        );
      await assets.putBytes(data, mime);
    }
  }

  /** The pulled narration rows, plus this computer's own rows for the audio it kept. */
  private writeNarration(story: Story, body: StoryBody, local: Story | null): void {
    const kept = local ? keptNodes(body, local, this.narration) : new Set<string>();
    const own = this.narration.nodes(story.id);
    const rows = [
      ...body.narration.nodes.filter((n) => !kept.has(n.nodeId)),
      ...[...own.values()].filter((n) => kept.has(n.nodeId)),
    ];
    this.options.library.db.prepare('DELETE FROM node_narrations WHERE story_id = ?').run(story.id);
    for (const { madeAt, ...row } of rows) this.narration.recordNode(story.id, row, new Date(madeAt));
    if (body.narration.voice) this.narration.setVoiceSettings(story.id, body.narration.voice);
  }
}

/**
 * Nodes whose audio another computer withheld and this one has as a child's recording: this is
 * the computer that recorded it, and it keeps its audio whatever the pulled version says.
 */
function keptNodes(body: StoryBody, local: Story, narration: NarrationStore): Set<string> {
  const own = narration.nodes(local.id);
  const kept = new Set<string>();
  for (const nodeId of body.withheld) {
    const stage = local.graph.stages.find((s) => s.id === nodeId);
    const made = own.get(nodeId);
    if (stage?.audio && made?.speaker === 'child' && made.audioHash === stage.audio.hash) kept.add(nodeId);
  }
  return kept;
}

function keepWithheldAudio(body: StoryBody, local: Story | null, narration: NarrationStore): StageNode[] {
  if (!local) return body.graph.stages;
  const kept = keptNodes(body, local, narration);
  return body.graph.stages.map((stage) => {
    if (!kept.has(stage.id) || stage.audio) return stage;
    const own = local.graph.stages.find((s) => s.id === stage.id);
    return own?.audio ? { ...stage, audio: own.audio } : stage;
  });
}
