/**
 * The 16×16 pixel-art icons a Yoto player shows while a chapter plays.
 *
 * We make the icon ourselves and upload it with `autoConvert=false`, so what the parent previews
 * is exactly what the player shows. For that mode Yoto requires "exactly 16×16 px", PNG or GIF,
 * and for PNG "24-bit RGBA (srgb, four channels, hasAlpha, no indexed palette)"
 * (https://yoto.dev/api/uploadcustomicon): hence the RGBA writer below, not the shared RGB one.
 *
 * From a story picture: crop the centre square (a face or title in the middle survives),
 * shrink by area averaging (no aliasing), dim a too-bright picture the way Yoto's own
 * autoConvert does ("if it's above ⅔, scale it down", same page; we read "it" as the mean
 * brightness), then keep at most 16 colours, nearest colour without dithering: at 16×16
 * dithering is noise, flat colours read as pixel art.
 */
import { crc32, deflateSync } from 'node:zlib';

import { decodeImage } from '../../image/image-decode.js';
import { fitImage } from '../../image/image-resize.js';
import { LuniiImageError } from '../../image/lunii-image-error.js';
import { choosePalette, exactPalette, nearestCentre, toMatchSpace } from '../../image/palette-quantize.js';
import type { RgbaImage } from '../../image/rgba-image.js';
import { YotoError } from './yoto-error.js';

export const YOTO_ICON_SIZE = 16;
const ICON_COLOURS = 16;
const MAX_MEAN_BRIGHTNESS = (2 / 3) * 255;

/** A 16×16 RGBA PNG made from any PNG, JPEG or BMP picture. */
export function makeYotoIcon(picture: Uint8Array): Uint8Array {
  let image: RgbaImage;
  try {
    image = decodeImage(picture);
  } catch (error) {
    if (error instanceof LuniiImageError) {
      throw new YotoError(
        'invalid-input',
        `The chapter picture cannot be made into a Yoto icon: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  const square = fitImage(
    { width: image.width, height: image.height, rgb: onBlack(image) },
    YOTO_ICON_SIZE,
    YOTO_ICON_SIZE,
    'cover',
    [0, 0, 0],
  );
  const pixels = reduceColours(dimIfTooBright(square.rgb));
  return encodePngRgba(YOTO_ICON_SIZE, YOTO_ICON_SIZE, opaque(pixels));
}

/**
 * Transparent areas become black: the player's screen is black where no LED is lit, so that is
 * what transparency looks like there anyway, and averaging needs a colour under every pixel.
 */
function onBlack(image: RgbaImage): Uint8Array {
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let i = 0; i < image.width * image.height; i += 1) {
    const alpha = (image.rgba[i * 4 + 3] ?? 255) / 255;
    for (let c = 0; c < 3; c += 1) rgb[i * 3 + c] = Math.round((image.rgba[i * 4 + c] ?? 0) * alpha);
  }
  return rgb;
}

function dimIfTooBright(rgb: Uint8Array): Uint8Array {
  let sum = 0;
  for (let i = 0; i < rgb.length; i += 3)
    sum += 0.299 * (rgb[i] ?? 0) + 0.587 * (rgb[i + 1] ?? 0) + 0.114 * (rgb[i + 2] ?? 0);
  const mean = sum / (rgb.length / 3);
  if (mean <= MAX_MEAN_BRIGHTNESS) return rgb;
  const scale = MAX_MEAN_BRIGHTNESS / mean;
  return rgb.map((value) => Math.round(value * scale));
}

function reduceColours(rgb: Uint8Array): Uint8Array {
  if (exactPalette(rgb, ICON_COLOURS)) return rgb;
  const palette = choosePalette(rgb, ICON_COLOURS);
  const centres = new Float64Array(palette.length);
  for (let c = 0; c < palette.length; c += 3)
    toMatchSpace(palette[c] ?? 0, palette[c + 1] ?? 0, palette[c + 2] ?? 0, centres, c);
  const out = new Uint8Array(rgb.length);
  const lab = new Float64Array(3);
  for (let i = 0; i < rgb.length; i += 3) {
    toMatchSpace(rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0, lab, 0);
    const index = nearestCentre(centres, lab[0] ?? 0, lab[1] ?? 0, lab[2] ?? 0);
    out.set(palette.subarray(index * 3, index * 3 + 3), i);
  }
  return out;
}

function opaque(rgb: Uint8Array): Uint8Array {
  const rgba = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0; i < rgb.length / 3; i += 1) {
    rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/**
 * The icon used when a chapter has no picture: an open book, drawn here so every playlist
 * looks like ours even offline. (A public Yoto icon id would also do, but the public list
 * is not something we can check without an account.)
 */
const DEFAULT_ICON_ROWS = [
  '................',
  '................',
  '..OOOOO..OOOOO..',
  '.OWWWWWOOWWWWWO.',
  '.OWGGGWOOWGGGWO.',
  '.OWWWWWOOWWWWWO.',
  '.OWGGGWOOWGGGWO.',
  '.OWWWWWOOWWWWWO.',
  '.OWGGGWOOWGGGWO.',
  '.OWWWWWOOWWWWWO.',
  '.OWGGGWOOWGGGWO.',
  '.OWWWWWOOWWWWWO.',
  '.OOOOOOOOOOOOOO.',
  '..RRRRRRRRRRRR..',
  '................',
  '................',
];
const DEFAULT_ICON_COLOURS: Record<string, readonly [number, number, number]> = {
  '.': [0, 0, 0],
  O: [150, 90, 40],
  W: [230, 220, 190],
  G: [120, 120, 120],
  R: [190, 40, 40],
};

export function defaultYotoIcon(): Uint8Array {
  const rgb = new Uint8Array(YOTO_ICON_SIZE * YOTO_ICON_SIZE * 3);
  DEFAULT_ICON_ROWS.forEach((row, y) => {
    [...row].forEach((key, x) =>
      rgb.set(DEFAULT_ICON_COLOURS[key] ?? [0, 0, 0], (y * YOTO_ICON_SIZE + x) * 3),
    );
  });
  return encodePngRgba(YOTO_ICON_SIZE, YOTO_ICON_SIZE, opaque(rgb));
}

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, tail]);
}

/** 8-bit RGBA PNG (colour type 6), one IDAT, filter 0 per row. */
export function encodePngRgba(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: truecolour with alpha
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return new Uint8Array(
    Buffer.concat([
      PNG_SIGNATURE,
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', new Uint8Array(0)),
    ]),
  );
}
