/**
 * Exports a story as a STUdio zip that STUdio, Lunii.QT and Talemo itself can open. Our
 * metadata (language, age, tags, node texts) rides along in talemo.json, which the other
 * tools ignore, so a round trip through Talemo loses nothing.
 */
import { writeStudioZip, writeStudioZipToBuffer } from '../../../device-bridge/formats/studio/studio-writer';
import type { Library } from '../library/library';
import type { Story } from '../story/story';
import type { JobControl } from './studio-import';

/** STUdio stores the pack version in a 16-bit field of the device's node index. */
const MAX_PACK_VERSION = 0xffff;

export function exportFileName(story: Pick<Story, 'title'>): string {
  const slug = story.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${slug || 'story'}.zip`;
}

function writerInput(library: Library, story: Story) {
  const { graph, id: _id, version, createdAt: _c, updatedAt: _u, ...meta } = story;
  const cover = graph.stages.find((stage) => stage.id === graph.coverId);
  return {
    graph,
    title: story.title,
    description: story.summary,
    packVersion: Math.min(version, MAX_PACK_VERSION),
    nightMode: story.nightMode,
    story: meta,
    thumbnail: cover?.image ? { hash: cover.image.hash } : null,
    assetPath: (hash: string) => library.assets.path(hash),
  };
}

export async function exportStudioPackToFile(
  library: Library,
  storyId: string,
  destination: string,
  control: JobControl = {},
): Promise<void> {
  const story = library.stories.get(storyId);
  await writeStudioZip(writerInput(library, story), destination, {
    signal: control.signal,
    onProgress: (done: number, total: number) => control.onProgress?.('writing', done, total),
  });
}

export async function exportStudioPackToBytes(
  library: Library,
  storyId: string,
  control: JobControl = {},
): Promise<{ fileName: string; data: Uint8Array }> {
  const story = library.stories.get(storyId);
  const data = await writeStudioZipToBuffer(writerInput(library, story), {
    signal: control.signal,
    onProgress: (done: number, total: number) => control.onProgress?.('writing', done, total),
  });
  return { fileName: exportFileName(story), data };
}
