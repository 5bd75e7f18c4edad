/**
 * What a box's screen will show for one node of a story, before anything is installed: the
 * node's picture framed and reduced to the Lunii's 320×240, 16 colours (the same conversion the
 * pack compiler runs, so a parent sees the real crop and the real colours), or, for a node with
 * no picture, the title card Talemo would draw (the story's title and the node's first words).
 *
 * A title card can also be kept as the node's picture, so the parent decides what the box shows.
 */
import type { StageNode, StoryGraph } from '../../../device-bridge/pack/story-graph';
import type { AssetStore } from '../library/asset-store';
import type { Story } from '../story/story';
import { TalemoError } from '../errors';

export interface DevicePicture {
  /** 'picture': the node's own picture as the box shows it; 'title-card': drawn by Talemo. */
  kind: 'picture' | 'title-card';
  mime: 'image/png';
  data: Uint8Array;
}

// Why loaded on first use: the image codecs and the stroke font are only needed on this page.
const imageModules = () =>
  Promise.all([
    import('../../../device-bridge/image/lunii-bmp'),
    import('../../../device-bridge/image/title-card'),
  ]);

function stageOf(story: Story, nodeId: string): StageNode {
  const stage = story.graph.stages.find((candidate) => candidate.id === nodeId);
  if (!stage) throw new TalemoError('not-found', `This story has no page with id ${nodeId}.`);
  return stage;
}

/**
 * The card's words: the node's own first words; a silent cover takes the first page that speaks
 * (or the summary), since a cover card with a title alone says little about the story.
 */
function cardWords(story: Story, stage: StageNode): string {
  const own = stage.text.trim();
  if (own || stage.id !== story.graph.coverId) return own;
  const firstPage = story.graph.stages.find((other) => other.id !== stage.id && other.text.trim() !== '');
  return firstPage?.text ?? story.summary;
}

export async function titleCardFor(story: Story, nodeId: string): Promise<Uint8Array> {
  const stage = stageOf(story, nodeId);
  const [, { renderTitleCard }] = await imageModules();
  return renderTitleCard({ title: story.title, words: cardWords(story, stage) });
}

export async function devicePicture(
  story: Story,
  nodeId: string,
  assets: AssetStore,
): Promise<DevicePicture> {
  const stage = stageOf(story, nodeId);
  if (!stage.image) return { kind: 'title-card', mime: 'image/png', data: await titleCardFor(story, nodeId) };
  const [{ encodeLuniiBmp, luniiBmpToPng, LuniiImageError }] = await imageModules();
  const { data } = await assets.read(stage.image.hash);
  try {
    return { kind: 'picture', mime: 'image/png', data: luniiBmpToPng(await encodeLuniiBmp(data)) };
  } catch (error) {
    if (error instanceof LuniiImageError) {
      throw new TalemoError(
        'invalid-input',
        `The picture of “${stage.name}” cannot be shown on a box: ${error.message}`,
      );
    }
    throw error;
  }
}

/** The graph with the node's picture set to its title card (stored in the library's assets). */
export async function graphWithTitleCard(
  story: Story,
  nodeId: string,
  assets: AssetStore,
): Promise<StoryGraph> {
  const card = await titleCardFor(story, nodeId);
  const stored = await assets.putBytes(card, 'image/png');
  return {
    ...story.graph,
    stages: story.graph.stages.map((stage) =>
      stage.id === nodeId ? { ...stage, image: { hash: stored.hash, mime: 'image/png' as const } } : stage,
    ),
  };
}
