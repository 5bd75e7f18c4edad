/**
 * Tells PNG, JPEG and BMP apart by their first bytes (never by file name) and reads the
 * declared dimensions from the header alone, so a hostile or huge picture can be refused
 * before any decoder allocates memory for it.
 */
import { LuniiImageError } from './lunii-image-error.js';

export type ImageFormat = 'png' | 'jpeg' | 'bmp';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Formats a parent might pick that we do not read, named so the error can say what the file is. */
const OTHER_FORMATS: ReadonlyArray<{ name: string; matches: (b: Uint8Array) => boolean }> = [
  { name: 'GIF', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'WebP', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { name: 'HEIC/AVIF', matches: (b) => ascii(b, 4, 4) === 'ftyp' },
  { name: 'TIFF', matches: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { name: 'SVG or text', matches: (b) => b[0] === 0x3c /* '<' */ },
];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

export function sniffImageFormat(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) {
    throw new LuniiImageError('corrupt-image', 'The picture file is empty (0 bytes).');
  }
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  const other = OTHER_FORMATS.find((format) => format.matches(bytes));
  const what = other
    ? `a ${other.name} file`
    : `not a picture we recognise (it starts with ${hex(bytes.subarray(0, 4))})`;
  throw new LuniiImageError(
    'unsupported-image',
    `The picture is ${what}; Talemo reads PNG, JPEG and BMP pictures.`,
  );
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = sniffImageFormat(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size =
    format === 'png'
      ? readPngSize(bytes, view)
      : format === 'jpeg'
        ? readJpegSize(bytes, view)
        : readBmpSize(view);
  if (size.width <= 0 || size.height <= 0) {
    throw new LuniiImageError(
      'corrupt-image',
      `The ${format.toUpperCase()} header declares an empty picture (${size.width}×${size.height}).`,
    );
  }
  return { format, ...size };
}

type Size = { width: number; height: number };

function readPngSize(bytes: Uint8Array, view: DataView): Size {
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
  if (bytes.length < 24) {
    throw new LuniiImageError('corrupt-image', 'The PNG file is truncated before its IHDR header.');
  }
  if (ascii(bytes, 12, 4) !== 'IHDR') {
    throw new LuniiImageError('corrupt-image', 'The PNG file does not start with an IHDR header.');
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Frame markers jpeg-js decodes: baseline, extended sequential and progressive Huffman. */
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);
/** Other SOFn markers (lossless, hierarchical, arithmetic): C4, C8 and CC are not frames. */
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function readJpegSize(bytes: Uint8Array, view: DataView): Size {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) {
      throw new LuniiImageError(
        'corrupt-image',
        `The JPEG file has no marker where one is expected (offset ${pos}).`,
      );
    }
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const segmentLength = view.getUint16(pos + 2);
    if (segmentLength < 2) {
      throw new LuniiImageError(
        'corrupt-image',
        `The JPEG file has a segment of impossible length at offset ${pos}.`,
      );
    }
    if (DECODABLE_SOF.has(marker) || OTHER_SOF.has(marker)) {
      if (pos + 9 > bytes.length) break;
      if (OTHER_SOF.has(marker)) {
        throw new LuniiImageError(
          'unsupported-image',
          'The JPEG uses lossless, hierarchical or arithmetic coding, which Talemo does not read; re-save it as an ordinary JPEG or PNG.',
        );
      }
      return { height: view.getUint16(pos + 5), width: view.getUint16(pos + 7) };
    }
    pos += 2 + segmentLength;
  }
  throw new LuniiImageError(
    'corrupt-image',
    'The JPEG file has no frame header (SOF) before its image data or end.',
  );
}

/** DIB header sizes: core (OS/2 1.x), INFO, V2, V3, OS/2 2.x, V4, V5. */
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function readBmpSize(view: DataView): Size {
  if (view.byteLength < 26) {
    throw new LuniiImageError('corrupt-image', 'The BMP file is truncated before its header ends.');
  }
  const headerSize = view.getUint32(14, true);
  if (!BMP_HEADER_SIZES.has(headerSize)) {
    throw new LuniiImageError(
      'unsupported-image',
      `The BMP has an unknown header version (${headerSize} bytes).`,
    );
  }
  if (headerSize === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  // A negative height means rows are stored top-down; the size is its magnitude.
  return { width: view.getInt32(18, true), height: Math.abs(view.getInt32(22, true)) };
}
