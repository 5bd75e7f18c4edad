/**
 * Any PNG, JPEG or BMP (recognised by its bytes) → 8-bit RGBA, upright (JPEG EXIF orientation
 * applied). The header's declared size is
 * checked against our limits before a decoder runs, so a "100000×100000" file costs nothing.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { decodeBmp } from './bmp-decode.js';
import { readImageHeader, type ImageFormat } from './image-header.js';
import { applyOrientation, readJpegOrientation } from './jpeg-orientation.js';
import { LuniiImageError } from './lunii-image-error.js';
import type { RgbaImage } from './rgba-image.js';

/** Phone cameras reach 8160×6120 (50 MP); past that a picture is most likely hostile. */
export const MAX_IMAGE_SIDE = 8192;
export const MAX_IMAGE_PIXELS = 8192 * 6144;
/** jpeg-js keeps coefficients, planes and output at once: about 13 bytes per pixel at the cap. */
const JPEG_MEMORY_MB = 1024;

export function decodeImage(bytes: Uint8Array): RgbaImage {
  const header = readImageHeader(bytes);
  refuseIfTooLarge(header.format, header.width, header.height);
  const image = decodeByFormat(header.format, bytes);
  if (image.width !== header.width || image.height !== header.height) {
    throw new LuniiImageError(
      'corrupt-image',
      `The ${header.format.toUpperCase()} header says ${header.width}×${header.height} but its data decodes to ${image.width}×${image.height}.`,
    );
  }
  return header.format === 'jpeg' ? applyOrientation(image, readJpegOrientation(bytes)) : image;
}

function refuseIfTooLarge(format: ImageFormat, width: number, height: number): void {
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new LuniiImageError(
      'too-large',
      `The ${format.toUpperCase()} picture is ${width}×${height} pixels; Talemo reads pictures up to ` +
        `${MAX_IMAGE_SIDE} pixels a side and ${Math.round(MAX_IMAGE_PIXELS / 1e6)} megapixels. Make it smaller first.`,
    );
  }
}

function decodeByFormat(format: ImageFormat, bytes: Uint8Array): RgbaImage {
  if (format === 'bmp') return decodeBmp(bytes);
  if (format === 'png') return decodePng(bytes);
  return decodeJpeg(bytes);
}

function decodePng(bytes: Uint8Array): RgbaImage {
  try {
    // pngjs checks chunk CRCs, expands palettes, grey and 16-bit samples to 8-bit RGBA.
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return {
      width: png.width,
      height: png.height,
      rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
    };
  } catch (error) {
    throw new LuniiImageError('corrupt-image', `The PNG file could not be decoded: ${reason(error)}.`, {
      cause: error,
    });
  }
}

function decodeJpeg(bytes: Uint8Array): RgbaImage {
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: Math.ceil(MAX_IMAGE_PIXELS / 1e6),
      maxMemoryUsageInMB: JPEG_MEMORY_MB,
    });
    return { width: image.width, height: image.height, rgba: image.data };
  } catch (error) {
    const text = reason(error);
    const code = /maxMemoryUsageInMB|maxResolutionInMP/.test(text) ? 'too-large' : 'corrupt-image';
    throw new LuniiImageError(code, `The JPEG file could not be decoded: ${text}.`, { cause: error });
  }
}

/** jpeg-js sometimes throws plain strings; pngjs throws Errors. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.$/, '');
}
