import { describe, expect, it } from 'vitest';
import { decodeImage } from './image-decode.js';
import { encodeLuniiBmp } from './lunii-bmp.js';
import { textToGlyphs } from './text-glyphs.js';
import {
  CARD_MARGIN,
  defaultTheme,
  renderTitleCard,
  renderTitleCardRaster,
  TITLE_CARD_THEMES,
  TitleCardError,
  type TitleCardOptions,
  type TitleCardRaster,
} from './title-card.js';

const W = 320;
const H = 240;
const LONG_TITLES = [
  'Le petit ours brun et la grande forêt enchantée des animaux qui ne dormaient jamais la nuit',
  'Anticonstitutionnellementextraordinairementinterminablement',
  'Où est passée la chaussette gauche de Monsieur Hippopotame ? Personne ne le sait, même pas lui',
  'W'.repeat(400),
];

/** Pixels where two same-size RGB pictures differ by more than `threshold` on any channel. */
function diffPixels(a: Uint8Array, b: Uint8Array, width: number, threshold = 8): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < a.length / 3; i += 1) {
    for (let c = 0; c < 3; c += 1) {
      if (Math.abs((a[i * 3 + c] ?? 0) - (b[i * 3 + c] ?? 0)) > threshold) {
        out.push({ x: i % width, y: Math.floor(i / width) });
        break;
      }
    }
  }
  return out;
}

/** Rows holding lettering (coverage ≥ 0.5) in a raster's title. */
function inkRows(card: TitleCardRaster): { top: number; bottom: number } {
  let top = Infinity;
  let bottom = -Infinity;
  card.titleInk.forEach((v, i) => {
    if (v < 0.5) return;
    const y = Math.floor(i / card.width);
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
  });
  return { top, bottom };
}

/** WCAG relative luminance of an sRGB colour (0–1). */
function luminance(r: number, g: number, b: number): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * How readable the lettering is in `rgba` (e.g. after the Lunii's 16 colours): the WCAG contrast
 * ratio between the median luminance of the letters' cores and of the pixels just around them,
 * and the share of core pixels that sit on the letters' side of the midpoint between the two.
 */
function legibility(ink: Float32Array, rgba: Uint8Array, width: number, height: number) {
  const core = new Uint8Array(ink.length);
  ink.forEach((v, i) => (core[i] = v >= 0.99 ? 1 : 0));
  const around: number[] = [];
  const letters: number[] = [];
  const lum = (i: number) => luminance(rgba[i * 4] ?? 0, rgba[i * 4 + 1] ?? 0, rgba[i * 4 + 2] ?? 0);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      if (core[i]) {
        letters.push(lum(i));
        continue;
      }
      if ((ink[i] ?? 0) > 0) continue;
      // Background around the text: within 3 pixels of a letter's core.
      let near = false;
      for (let dy = -3; dy <= 3 && !near; dy += 1) {
        for (let dx = -3; dx <= 3 && !near; dx += 1) {
          const xx = x + dx;
          const yy = y + dy;
          near = xx >= 0 && yy >= 0 && xx < width && yy < height && core[yy * width + xx] === 1;
        }
      }
      if (near) around.push(lum(i));
    }
  }
  const text = median(letters);
  const back = median(around);
  const ratio = (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
  const mid = (text + back) / 2;
  const onTextSide = letters.filter((l) => (text > back ? l > mid : l < mid)).length / letters.length;
  return { ratio, onTextSide, letterPixels: letters.length, aroundPixels: around.length };
}

describe('renderTitleCard', () => {
  it('writes a valid 320×240 PNG by default, and the size asked for otherwise', () => {
    const png = renderTitleCard({ title: 'Le loup et les sept chevreaux' });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = decodeImage(png);
    expect([image.width, image.height]).toEqual([W, H]);
    const big = decodeImage(renderTitleCard({ title: 'Le loup', width: 640, height: 480 }));
    expect([big.width, big.height]).toEqual([640, 480]);
    const square = decodeImage(renderTitleCard({ title: 'Le loup', width: 128, height: 128 }));
    expect([square.width, square.height]).toEqual([128, 128]);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    for (const theme of TITLE_CARD_THEMES) {
      const options = { title: 'La sorcière du placard', words: 'Il était une fois…', theme };
      expect(Buffer.from(renderTitleCard(options)).equals(Buffer.from(renderTitleCard(options)))).toBe(true);
    }
    const a = renderTitleCard({ title: 'Un titre', words: 'Des mots' });
    const b = renderTitleCard({ title: 'Un titre', words: 'Des mots.' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('picks a default theme from the title: stable, varied, never plain', () => {
    const titles = Array.from({ length: 40 }, (_, i) => `Histoire numéro ${i}`);
    const themes = titles.map(defaultTheme);
    expect(new Set(themes).size).toBeGreaterThanOrEqual(3);
    expect(themes).not.toContain('plain');
    expect(titles.map(defaultTheme)).toEqual(themes);
    expect(renderTitleCardRaster({ title: titles[3] ?? '' }).theme).toBe(themes[3]);
    expect(defaultTheme('Le loup ')).toBe(defaultTheme('Le loup'));
  });

  it('wraps long titles on at most 3 lines and keeps every text pixel out of the margin', () => {
    for (const theme of TITLE_CARD_THEMES) {
      for (const title of LONG_TITLES) {
        const words =
          'Il était une fois, tout au fond des bois, un petit ours qui ne voulait pas dormir du tout.';
        const card = renderTitleCardRaster({ title, words, theme });
        const blank = renderTitleCardRaster({ title: '', theme });
        expect(card.titleLines.length).toBeGreaterThan(1);
        expect(card.titleLines.length).toBeLessThanOrEqual(3);
        expect(card.wordsLines.length).toBeLessThanOrEqual(2);
        const changed = diffPixels(card.rgb, blank.rgb, W, 0);
        expect(changed.length).toBeGreaterThan(1000);
        const inMargin = changed.filter(
          ({ x, y }) => x < CARD_MARGIN || y < CARD_MARGIN || x >= W - CARD_MARGIN || y >= H - CARD_MARGIN,
        );
        expect(inMargin).toEqual([]);
      }
    }
  });

  it('shrinks type to fit: a short title is set larger than a long one', () => {
    const short = inkRows(renderTitleCardRaster({ title: 'Zoé', theme: 'night' }));
    const long = renderTitleCardRaster({ title: LONG_TITLES[0] ?? '', theme: 'night' });
    const capOf = (card: TitleCardRaster) => inkRows(card).bottom - inkRows(card).top;
    expect(short.bottom - short.top).toBeGreaterThan(40);
    expect(capOf(long) / long.titleLines.length).toBeLessThan((short.bottom - short.top) * 0.8);
  });

  it('breaks a word longer than a line with a hyphen, and ends text that does not fit with …', () => {
    const word = renderTitleCardRaster({ title: LONG_TITLES[1] ?? '', theme: 'sea' });
    expect(word.titleLines.slice(0, -1).every((line) => line.endsWith('-'))).toBe(true);
    expect(word.titleLines.join('').replaceAll('-', '').replace('…', '')).toBe(
      (LONG_TITLES[1] ?? '').slice(0, word.titleLines.join('').replaceAll('-', '').replace('…', '').length),
    );
    const long = renderTitleCardRaster({ title: LONG_TITLES[0] ?? '', theme: 'sea' });
    expect(long.titleLines.at(-1)?.endsWith('…')).toBe(true);
    const fits = renderTitleCardRaster({ title: 'Le chat botté', words: 'Un meunier laissa trois fils.' });
    expect(fits.titleLines.join(' ')).toBe('Le chat botté');
    expect(fits.wordsLines.join(' ')).toBe('Un meunier laissa trois fils.');
  });

  it('shows the first words on at most 2 lines with an ellipsis', () => {
    const words =
      'Il était une fois une petite souris qui rêvait de voir la mer, alors un matin elle prit son sac.';
    const card = renderTitleCardRaster({ title: 'La souris', words, theme: 'plain' });
    expect(card.wordsLines).toHaveLength(2);
    expect(card.wordsLines[1]?.endsWith('…')).toBe(true);
    expect(words.startsWith(card.wordsLines.join(' ').replace('…', ''))).toBe(true);
    expect(card.wordsInk.some((v) => v > 0.9)).toBe(true);
  });

  it('composes accents: é has ink above the e, ç below the c, É above the E', () => {
    for (const [plain, accented, where] of [
      ['e', 'é', 'above'],
      ['e', 'è', 'above'],
      ['e', 'ê', 'above'],
      ['u', 'ü', 'above'],
      ['o', 'ô', 'above'],
      ['E', 'É', 'above'],
      ['A', 'À', 'above'],
      ['c', 'ç', 'below'],
      ['C', 'Ç', 'below'],
    ] as const) {
      const base = renderTitleCardRaster({ title: plain, theme: 'plain' });
      const marked = renderTitleCardRaster({ title: accented, theme: 'plain' });
      const rows = inkRows(base);
      const changed = diffPixels(base.rgb, marked.rgb, W, 40);
      expect(changed.length, `${accented} differs from ${plain}`).toBeGreaterThan(20);
      const outside = changed.filter(({ y }) => (where === 'above' ? y < rows.top : y > rows.bottom));
      expect(outside.length / changed.length, `${accented}: accent ${where} the letter`).toBeGreaterThan(0.8);
    }
    // Decomposed input (e + combining acute) draws the same as é.
    const nfd = renderTitleCard({ title: 'Noe\u0308l', theme: 'sun' });
    expect(Buffer.from(nfd).equals(Buffer.from(renderTitleCard({ title: 'Noël', theme: 'sun' })))).toBe(true);
  });

  it('gives each theme its own look', () => {
    const cards = TITLE_CARD_THEMES.map((theme) => renderTitleCardRaster({ title: 'Le voyage', theme }));
    const means = cards.map((card) => {
      const sum = [0, 0, 0];
      card.rgb.forEach((v, i) => (sum[i % 3] = (sum[i % 3] ?? 0) + v));
      return sum.map((s) => s / (W * H));
    });
    for (let a = 0; a < cards.length; a += 1) {
      for (let b = a + 1; b < cards.length; b += 1) {
        const distance = Math.hypot(...[0, 1, 2].map((c) => (means[a]?.[c] ?? 0) - (means[b]?.[c] ?? 0)));
        expect(distance, `${TITLE_CARD_THEMES[a]} vs ${TITLE_CARD_THEMES[b]}`).toBeGreaterThan(12);
      }
    }
  });

  it('keeps the title and the words legible after the Lunii 16-colour quantisation', async () => {
    for (const theme of TITLE_CARD_THEMES) {
      for (const palette of ['colour', 'gray'] as const) {
        const options: TitleCardOptions = {
          title: 'Le petit ours brun et la forêt enchantée',
          words: 'Il était une fois, au cœur des bois, un petit ours qui ne voulait jamais dormir.',
          theme,
        };
        const card = renderTitleCardRaster(options);
        const bmp = await encodeLuniiBmp(renderTitleCard(options), { palette });
        const shown = decodeImage(bmp);
        for (const [part, ink] of [
          ['title', card.titleInk],
          ['words', card.wordsInk],
        ] as const) {
          const check = legibility(ink, shown.rgba, W, H);
          const label = `${theme}/${palette}/${part}: contrast ${check.ratio.toFixed(1)}, ${(check.onTextSide * 100).toFixed(0)}%`;
          expect(check.letterPixels, label).toBeGreaterThan(100);
          expect(check.ratio, label).toBeGreaterThanOrEqual(4.5);
          expect(check.onTextSide, label).toBeGreaterThan(0.95);
        }
      }
    }
  });
});

describe('renderTitleCard with hostile or odd input', () => {
  it('cuts a 100,000-character title to what fits, ending with …', () => {
    const title = 'Il était une fois '.repeat(6000).slice(0, 100_000);
    const card = renderTitleCardRaster({ title, words: 'x'.repeat(100_000) });
    expect(card.titleLines).toHaveLength(3);
    expect(card.titleLines[2]?.endsWith('…')).toBe(true);
    expect(card.wordsLines[1]?.endsWith('…')).toBe(true);
    expect(decodeImage(renderTitleCard({ title })).width).toBe(W);
  });

  it('draws just the theme for an empty or blank title', () => {
    for (const title of ['', '   ', '\n\t', '\u0000\u0007', '🐻🌙']) {
      const card = renderTitleCardRaster({ title, theme: 'night' });
      expect(card.titleLines).toEqual([]);
      expect(card.titleInk.every((v) => v === 0)).toBe(true);
    }
    const empty = renderTitleCardRaster({ title: '', theme: 'forest' });
    const withText = renderTitleCardRaster({ title: 'Forêt', theme: 'forest' });
    expect(diffPixels(empty.rgb, withText.rgb, W).length).toBeGreaterThan(500);
    expect(decodeImage(renderTitleCard({ title: '' })).width).toBe(W);
  });

  it('turns control characters into spaces or nothing, drops emoji, boxes unknown scripts', () => {
    expect(renderTitleCardRaster({ title: 'Le\u0000 loup\u0007\n\tgris\u200B' }).titleLines.join(' ')).toBe(
      'Le loup gris',
    );
    expect(renderTitleCardRaster({ title: 'Le 🐻 ours 👨‍👩‍👧 \uD800brun' }).titleLines.join(' ')).toBe(
      'Le ours brun',
    );
    const cyrillic = renderTitleCardRaster({ title: 'Мишка', theme: 'sea' });
    expect(cyrillic.titleLines.join('')).toBe('Мишка');
    expect(cyrillic.titleInk.some((v) => v > 0.9)).toBe(true);
  });

  it('maps typographic marks to glyphs it has', () => {
    const text = textToGlyphs('L\u2019ours « grand » — ß… \u00A0fin', 100);
    expect(text.glyphs.map((g) => g.text).join('')).toBe("L'ours « grand » — ss… fin");
    expect(text.cut).toBe(false);
    expect(textToGlyphs('abcdef', 3)).toMatchObject({ cut: true });
  });

  it('refuses bad sizes, themes and non-text with a TitleCardError', () => {
    const bad = [
      [{ title: 'x', width: 10 }, 'bad-size'],
      [{ title: 'x', height: 100_000 }, 'bad-size'],
      [{ title: 'x', width: 320.5 }, 'bad-size'],
      [{ title: 'x', theme: 'disco' as never }, 'bad-theme'],
      [{ title: 42 as never }, 'bad-text'],
      [{ title: 'x', words: {} as never }, 'bad-text'],
    ] as const;
    for (const [options, code] of bad) {
      expect(() => renderTitleCard(options)).toThrow(TitleCardError);
      try {
        renderTitleCard(options);
      } catch (error) {
        expect((error as TitleCardError).code).toBe(code);
        expect((error as Error).message.length).toBeGreaterThan(20);
      }
    }
  });
});
