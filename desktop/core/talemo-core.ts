/**
 * The local app service: one library folder and what can be done with it. The desktop
 * app, web mode and the CLI all drive this same object; it knows nothing of Electron.
 */
import { validateGraph, type GraphIssue } from '../../device-bridge/pack/graph-validation';
import type { StoryGraph } from '../../device-bridge/pack/story-graph';
import { seedExamplesOnce } from './examples/seed-examples';
import { openLibrary, type Library } from './library/library';
import type { StoryFilters, StorySearchHit } from './library/story-repository';
import { NEW_STORY_DEFAULTS, newStoryGraph } from './story/new-story';
import { estimateReadingSeconds } from './story/reading-time';
import type { Story, StoryMeta, StorySummary } from './story/story';
import { exportStudioPackToBytes, exportStudioPackToFile } from './studio/studio-export';
import { importStudioPack, type JobControl, type StudioImportResult } from './studio/studio-import';

export type StoryChanges = Partial<StoryMeta> & { graph?: StoryGraph };

export class TalemoCore {
  readonly library: Library;

  private constructor(library: Library) {
    this.library = library;
  }

  /** Opens (creating when missing) a library folder; a new one gets the example stories. */
  static async open(dir: string): Promise<TalemoCore> {
    const library = openLibrary(dir);
    try {
      await seedExamplesOnce(library);
      // Why at open: files of deleted stories, and what a crash left in tmp/, go once they are old.
      library.assets.collectGarbage();
    } catch (error) {
      library.close();
      throw error;
    }
    return new TalemoCore(library);
  }

  list(filters: StoryFilters = {}): StorySummary[] {
    return this.library.stories.list(filters);
  }

  search(query: string, filters: StoryFilters = {}): StorySearchHit[] {
    return this.library.stories.search(query, filters);
  }

  get(id: string): { story: Story; issues: GraphIssue[] } {
    const story = this.library.stories.get(id);
    return { story, issues: validateGraph(story.graph) };
  }

  create(input: Partial<StoryMeta> & { title: string; graph?: StoryGraph | undefined }): Story {
    const { graph = newStoryGraph(input.title), ...meta } = input;
    return this.library.stories.insert({ ...NEW_STORY_DEFAULTS, ...meta }, graph);
  }

  update(id: string, expectedVersion: number, changes: StoryChanges): Story {
    // Why: until narration exists, a text edit changes how long the story plays.
    const durationSec =
      changes.durationSec ??
      (changes.graph && !hasAudio(changes.graph) ? estimateReadingSeconds(changes.graph) : undefined);
    return this.library.stories.update(
      id,
      expectedVersion,
      durationSec === undefined ? changes : { ...changes, durationSec },
    );
  }

  delete(id: string, expectedVersion: number): void {
    this.library.stories.delete(id, expectedVersion);
  }

  importStudio(
    source: { path: string } | { bytes: Uint8Array; fileName: string },
    control?: JobControl,
  ): Promise<StudioImportResult> {
    return importStudioPack(this.library, source, control);
  }

  exportStudioToFile(id: string, destination: string, control?: JobControl): Promise<void> {
    return exportStudioPackToFile(this.library, id, destination, control);
  }

  exportStudioToBytes(id: string, control?: JobControl): Promise<{ fileName: string; data: Uint8Array }> {
    return exportStudioPackToBytes(this.library, id, control);
  }

  close(): void {
    this.library.close();
  }
}

function hasAudio(graph: StoryGraph): boolean {
  return graph.stages.some((stage) => stage.audio !== null);
}
