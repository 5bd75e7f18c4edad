/**
 * Lunii story pictures: any PNG / JPEG / BMP → the 320×240, 16-colour RLE4 BMP the box shows
 * (rf/000/*), and back to PNG for exporting packs off a device.
 */
import { encodeRle4Bmp } from './bmp-rle4-encode.js';
import { decodeImage } from './image-decode.js';
import { sniffImageFormat } from './image-header.js';
import { fitImage, type Fit, type RgbImage } from './image-resize.js';
import { LuniiImageError } from './lunii-image-error.js';
import { ditherToPalette } from './palette-dither.js';
import { choosePalette, exactPalette, grayPalette } from './palette-quantize.js';
import { encodePngRgb } from './png-encode.js';
import type { RgbaImage } from './rgba-image.js';

export { LuniiImageError, type LuniiImageErrorCode } from './lunii-image-error.js';

export const LUNII_IMAGE_WIDTH = 320;
export const LUNII_IMAGE_HEIGHT = 240;

export interface LuniiBmpOptions {
  /**
   * Default 'contain': a story picture is often a drawing or a title card, and cropping would
   * cut off a head or a word the parent meant to show; the black bars blend into the box's
   * dark screen surround. 'cover' fills the screen and crops the centre, for photos.
   */
  fit?: Fit;
  /** Default 'colour': 16 colours chosen for this picture. 'gray': 16 even greys, like Lunii.QT. */
  palette?: 'gray' | 'colour';
}

/** Letterbox bars and transparent areas: black, the colour of the screen around the picture. */
const BACKGROUND: readonly [number, number, number] = [0, 0, 0];

// async so callers need not change if the work moves to a worker thread later.
export async function encodeLuniiBmp(image: Uint8Array, options: LuniiBmpOptions = {}): Promise<Uint8Array> {
  const decoded = decodeImage(image);
  const framed = fitImage(
    flatten(decoded),
    LUNII_IMAGE_WIDTH,
    LUNII_IMAGE_HEIGHT,
    options.fit ?? 'contain',
    BACKGROUND,
  );
  const gray = options.palette === 'gray';
  const rgb = gray ? toGray(framed.rgb) : framed.rgb;
  const palette = gray ? grayPalette() : (exactPalette(rgb) ?? choosePalette(rgb));
  const indices = ditherToPalette(rgb, framed.width, framed.height, palette);
  return encodeRle4Bmp({ width: framed.width, height: framed.height, indices, palette });
}

/** Any BMP (a Lunii RLE4 picture included) → PNG. */
export function luniiBmpToPng(bmp: Uint8Array): Uint8Array {
  const format = sniffImageFormat(bmp);
  if (format !== 'bmp') {
    throw new LuniiImageError(
      'unsupported-image',
      `Expected a BMP picture from a Lunii pack, got a ${format.toUpperCase()} file.`,
    );
  }
  const rgb = flatten(decodeImage(bmp));
  const png = encodePngRgb(rgb.width, rgb.height, rgb.rgb);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Composites over the background: the box has no transparency. */
function flatten(image: RgbaImage): RgbImage {
  const count = image.width * image.height;
  const rgb = new Uint8Array(count * 3);
  for (let i = 0; i < count; i += 1) {
    const alpha = (image.rgba[i * 4 + 3] ?? 255) / 255;
    for (let c = 0; c < 3; c += 1) {
      const value = (image.rgba[i * 4 + c] ?? 0) * alpha + (BACKGROUND[c] ?? 0) * (1 - alpha);
      rgb[i * 3 + c] = Math.round(value);
    }
  }
  return { width: image.width, height: image.height, rgb };
}

/** Rec. 601 luma, the weights Lunii.QT uses, so grey packs look the same from either tool. */
function toGray(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 3) {
    const y = Math.round(0.299 * (rgb[i] ?? 0) + 0.587 * (rgb[i + 1] ?? 0) + 0.114 * (rgb[i + 2] ?? 0));
    out[i] = y;
    out[i + 1] = y;
    out[i + 2] = y;
  }
  return out;
}
