/**
 * A generated title card: the story's title in large type and, smaller, the first words of a
 * node, on a themed picture. Rendered here with no font files and no native code — Hershey
 * stroke glyphs drawn with thick anti-aliased pens — and deterministic: same input, same bytes.
 * Used as the cover picture a Lunii pack must have, and as a default picture anywhere else.
 */
import { paintScene } from './card-scenes.js';
import { defaultTheme, THEME_COLOURS, TITLE_CARD_THEMES, type TitleCardTheme } from './card-themes.js';
import { encodePngRgb } from './png-encode.js';
import { newCanvas, toBytes, type Rgb, type RgbCanvas } from './rgb-canvas.js';
import { addSegment, emptyField, penCoverage, type DistanceField } from './stroke-raster.js';
import { CAP_HEIGHT } from './stroke-glyph.js';
import { blockHeight, DESCENT, layoutBlock, type BlockStyle, type TextBlock } from './text-layout.js';
import { textToGlyphs } from './text-glyphs.js';
import { TitleCardError } from './title-card-error.js';
import { ACCENT_ASCENT } from './accent-glyphs.js';

export { TitleCardError, type TitleCardErrorCode } from './title-card-error.js';
export { TITLE_CARD_THEMES, defaultTheme, type TitleCardTheme } from './card-themes.js';

export interface TitleCardOptions {
  title: string;
  /** The node's first words, shown smaller under the title (at most 2 lines, then "…"). */
  words?: string;
  /** Default: picked from a hash of the title among night, forest, sea and sun. */
  theme?: TitleCardTheme;
  /** Default 320 × 240, the Lunii screen. */
  width?: number;
  height?: number;
}

export interface TitleCardRaster {
  width: number;
  height: number;
  theme: TitleCardTheme;
  /** 8-bit RGB, rows top to bottom. */
  rgb: Uint8Array;
  /** Per pixel, how much of it is title lettering (0–1, halo excluded): lets tests find the text. */
  titleInk: Float32Array;
  wordsInk: Float32Array;
  /** The lines as laid out, for checking wrapping and truncation. */
  titleLines: string[];
  wordsLines: string[];
}

export const MIN_CARD_SIDE = 64;
export const MAX_CARD_SIDE = 2048;
/** More than three lines of the smallest title type ever hold; the rest is never looked at. */
const MAX_TITLE_CHARS = 160;
const MAX_WORDS_CHARS = 240;

// Layout in pixels for a 320×240 card; other sizes scale by k = min(width/320, height/240).
/** No text inside this border: the Lunii's screen edge and a TV-style safe area. */
export const CARD_MARGIN = 14;
const GAP_ABOVE_WORDS = 6;
const TITLE_CAP_MAX = 48;
const TITLE_CAP_MIN = 19;
const WORDS_CAP = 13;
/** Halos are at least this wide (pixels) so text stays readable after 16-colour dithering. */
const MIN_HALO = 1.5;

function titleStyle(k: number): BlockStyle {
  return {
    maxLines: 3,
    maxScale: (TITLE_CAP_MAX * k) / CAP_HEIGHT,
    minScale: (TITLE_CAP_MIN * k) / CAP_HEIGHT,
    pitch: 30,
    tracking: 0.5,
    slant: 0,
    reach: (scale) => titlePen(scale) + titleHalo(scale) + 0.5,
  };
}
const titlePen = (scale: number) => Math.max(0.75, 1.35 * scale);
const titleHalo = (scale: number) => Math.max(MIN_HALO, 1.0 * scale);

function wordsStyle(k: number): BlockStyle {
  const scale = (WORDS_CAP * k) / CAP_HEIGHT;
  return {
    maxLines: 2,
    maxScale: scale,
    minScale: scale,
    pitch: 28,
    tracking: 1,
    // A slight slant sets the quoted words apart from the title, like italics.
    slant: 0.2,
    reach: (s) => wordsPen(s) + wordsHalo(s) + 0.5,
  };
}
const wordsPen = (scale: number) => Math.max(0.8, 1.25 * scale);
const wordsHalo = (scale: number) => Math.max(MIN_HALO, 1.2 * scale);

export function renderTitleCard(options: TitleCardOptions): Uint8Array {
  const card = renderTitleCardRaster(options);
  const png = encodePngRgb(card.width, card.height, card.rgb);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

export function renderTitleCardRaster(options: TitleCardOptions): TitleCardRaster {
  const { title, words, theme, width, height } = checkOptions(options);
  const k = Math.min(width / 320, height / 240);
  const margin = CARD_MARGIN * k;
  const canvas = newCanvas(width, height);
  paintScene(canvas, theme);
  const colours = THEME_COLOURS[theme];

  const wStyle = wordsStyle(k);
  const wordsBlock = layoutBlock(
    textToGlyphs(words, MAX_WORDS_CHARS),
    width - 2 * margin,
    height / 3,
    wStyle,
    false,
  );
  const wordsHeight = blockHeight(wordsBlock.lines.length, wordsBlock.scale, wStyle);
  const wordsTop = height - margin - wordsHeight;

  const tStyle = titleStyle(k);
  const titleBottom = wordsBlock.lines.length > 0 ? wordsTop - GAP_ABOVE_WORDS * k : height - margin;
  const titleBlock = layoutBlock(
    textToGlyphs(title, MAX_TITLE_CHARS),
    width - 2 * margin,
    titleBottom - margin,
    tStyle,
    true,
  );

  const wordsInk = drawBlock(canvas, wordsBlock, wStyle, {
    top: wordsTop,
    bottom: height - margin,
    pen: wordsPen(wordsBlock.scale),
    halo: wordsHalo(wordsBlock.scale),
    colour: colours.words,
    haloColour: colours.halo,
  });
  const titleInk = drawBlock(canvas, titleBlock, tStyle, {
    top: margin,
    bottom: titleBottom,
    pen: titlePen(titleBlock.scale),
    halo: titleHalo(titleBlock.scale),
    colour: colours.title,
    haloColour: colours.halo,
  });
  return {
    width,
    height,
    theme,
    rgb: toBytes(canvas),
    titleInk,
    wordsInk,
    titleLines: titleBlock.lines.map((line) => line.text),
    wordsLines: wordsBlock.lines.map((line) => line.text),
  };
}

interface BlockPaint {
  /** The area the block is centred in, in pixels. */
  top: number;
  bottom: number;
  pen: number;
  halo: number;
  colour: Rgb;
  haloColour: Rgb;
}

/** Draws a laid-out block centred in its area; returns its lettering coverage per pixel. */
function drawBlock(canvas: RgbCanvas, block: TextBlock, style: BlockStyle, paint: BlockPaint): Float32Array {
  const { width, height } = canvas;
  const field = emptyField(width, height);
  const { scale, lines } = block;
  if (lines.length > 0) {
    const reach = style.reach(scale);
    // Centre the capitals optically, then keep accents and descenders inside the area.
    const capBlock = ((lines.length - 1) * style.pitch + CAP_HEIGHT) * scale;
    let baseline = (paint.top + paint.bottom) / 2 - capBlock / 2 + CAP_HEIGHT * scale;
    const lastBaseline = (b: number) => b + (lines.length - 1) * style.pitch * scale;
    baseline = Math.min(
      baseline,
      paint.bottom - reach - DESCENT * scale - (lastBaseline(baseline) - baseline),
    );
    baseline = Math.max(baseline, paint.top + reach + ACCENT_ASCENT * scale);
    lines.forEach((line, i) => {
      const y = baseline + i * style.pitch * scale;
      const x = width / 2 - ((line.inkMin + line.inkMax) / 2) * scale;
      for (const { glyph, x: pen } of line.glyphs) {
        for (const stroke of glyph.strokes) {
          strokeToField(field, stroke, pen, x, y, scale, style.slant, reach);
        }
      }
    });
  }
  return composite(canvas, field, paint);
}

function strokeToField(
  field: DistanceField,
  stroke: readonly number[],
  pen: number,
  originX: number,
  baseline: number,
  scale: number,
  slant: number,
  reach: number,
): void {
  const px = (i: number) => originX + (pen + (stroke[i] ?? 0) + slant * (stroke[i + 1] ?? 0)) * scale;
  const py = (i: number) => baseline - (stroke[i + 1] ?? 0) * scale;
  if (stroke.length === 2) {
    addSegment(field, px(0), py(0), px(0), py(0), reach);
    return;
  }
  for (let i = 0; i + 3 < stroke.length; i += 2) {
    addSegment(field, px(i), py(i), px(i + 2), py(i + 2), reach);
  }
}

/** Halo first, then the letters over it; both from the one distance field. */
function composite(canvas: RgbCanvas, field: DistanceField, paint: BlockPaint): Float32Array {
  const ink = new Float32Array(canvas.width * canvas.height);
  const { rgb } = canvas;
  const haloRadius = paint.pen + paint.halo;
  const { left, top, right, bottom } = field.bounds;
  for (let y = top; y <= bottom; y += 1) {
    for (let i = y * canvas.width + left, end = y * canvas.width + right; i <= end; i += 1) {
      const d = field.distance[i] ?? Infinity;
      if (d > haloRadius + 0.5) continue;
      const halo = penCoverage(d, haloRadius);
      const letter = penCoverage(d, paint.pen);
      ink[i] = letter;
      for (let c = 0; c < 3; c += 1) {
        const under = (rgb[i * 3 + c] ?? 0) * (1 - halo) + paint.haloColour[c as 0 | 1 | 2] * halo;
        rgb[i * 3 + c] = under * (1 - letter) + paint.colour[c as 0 | 1 | 2] * letter;
      }
    }
  }
  return ink;
}

interface CheckedOptions {
  title: string;
  words: string;
  theme: TitleCardTheme;
  width: number;
  height: number;
}

function checkOptions(options: TitleCardOptions): CheckedOptions {
  const { title, words = '', theme, width = 320, height = 240 } = options;
  if (typeof title !== 'string') {
    throw new TitleCardError('bad-text', `A title card needs the title as text, got ${typeof title}.`);
  }
  if (typeof words !== 'string') {
    throw new TitleCardError(
      'bad-text',
      `The first words for a title card must be text, got ${typeof words}.`,
    );
  }
  if (theme !== undefined && !TITLE_CARD_THEMES.includes(theme)) {
    throw new TitleCardError(
      'bad-theme',
      `Unknown title-card theme "${String(theme)}"; choose one of ${TITLE_CARD_THEMES.join(', ')}.`,
    );
  }
  for (const [name, side] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(side) || side < MIN_CARD_SIDE || side > MAX_CARD_SIDE) {
      throw new TitleCardError(
        'bad-size',
        `A title card's ${name} must be a whole number of pixels from ${MIN_CARD_SIDE} to ${MAX_CARD_SIDE}, got ${String(side)}.`,
      );
    }
  }
  return { title, words, theme: theme ?? defaultTheme(title), width, height };
}
