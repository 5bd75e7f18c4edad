/**
 * A picture for one page of a story, from a file the parent picked: checked the way the box's
 * conversion will read it (PNG, JPEG or BMP that decodes whole, within the size the converter
 * accepts), stored in the library's assets, and set on the page. `null` takes the picture off.
 */
import type { ImageRef, StoryGraph } from '../../../device-bridge/pack/story-graph';
import type { AssetStore } from '../library/asset-store';
import { TalemoError } from '../errors';
import type { Story } from './story';

/** A photo straight from a phone is a few MB; anything past this is not a page picture. */
export const MAX_PICTURE_BYTES = 25 * 1024 * 1024;

const MIME: Record<'png' | 'jpeg' | 'bmp', ImageRef['mime']> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  bmp: 'image/bmp',
};

export interface PictureFile {
  fileName: string;
  data: Uint8Array;
}

async function checkedPicture(file: PictureFile): Promise<ImageRef['mime']> {
  if (file.data.byteLength === 0)
    throw new TalemoError('invalid-input', `${file.fileName} is empty: choose the picture again.`);
  if (file.data.byteLength > MAX_PICTURE_BYTES)
    throw new TalemoError(
      'too-large',
      `${file.fileName} is larger than 25 MB: save it smaller (the box shows 320 × 240 dots anyway).`,
    );
  const [{ decodeImage }, { readImageHeader }, { LuniiImageError }] = await Promise.all([
    import('../../../device-bridge/image/image-decode'),
    import('../../../device-bridge/image/image-header'),
    import('../../../device-bridge/image/lunii-image-error'),
  ]);
  try {
    const { format } = readImageHeader(file.data);
    // Why decode it all: a picture that fails here would fail later, when the story goes on a box.
    decodeImage(file.data);
    return MIME[format];
  } catch (error) {
    if (error instanceof LuniiImageError)
      throw new TalemoError(
        'invalid-input',
        `${file.fileName} cannot be used as a picture: ${error.message}`,
      );
    throw error;
  }
}

export async function graphWithPicture(
  story: Story,
  nodeId: string,
  file: PictureFile | null,
  assets: AssetStore,
): Promise<StoryGraph> {
  if (!story.graph.stages.some((stage) => stage.id === nodeId))
    throw new TalemoError('not-found', `This story has no page with id ${nodeId}.`);
  let image: ImageRef | null = null;
  if (file) {
    const mime = await checkedPicture(file);
    image = { hash: (await assets.putBytes(file.data, mime)).hash, mime };
  }
  return {
    ...story.graph,
    stages: story.graph.stages.map((stage) => (stage.id === nodeId ? { ...stage, image } : stage)),
  };
}
