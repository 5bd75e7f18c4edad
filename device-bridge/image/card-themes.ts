/**
 * Title-card themes: the background gradient and the text colours. Every theme pairs its text
 * with a halo of the opposite lightness, so letters stay readable over any shape behind them and
 * after the Lunii's 16-colour quantisation (the darkest and lightest colours survive it exactly).
 */
import { hexColour, type Rgb } from './rgb-canvas.js';

export const TITLE_CARD_THEMES = ['night', 'forest', 'sea', 'sun', 'plain'] as const;
export type TitleCardTheme = (typeof TITLE_CARD_THEMES)[number];

export interface ThemeColours {
  skyTop: Rgb;
  skyBottom: Rgb;
  title: Rgb;
  words: Rgb;
  halo: Rgb;
}

export const THEME_COLOURS: Readonly<Record<TitleCardTheme, ThemeColours>> = {
  night: colours('#0a1033', '#2a3274', '#ffffff', '#ffe8a3', '#050920'),
  forest: colours('#123f30', '#2f7a4e', '#fffbea', '#e6f7c9', '#05211a'),
  sea: colours('#0c3c66', '#2784b5', '#ffffff', '#dcf4ff', '#05253f'),
  sun: colours('#ffe394', '#ffae66', '#3b1705', '#5e2a0c', '#fff8e4'),
  plain: colours('#f7f2e8', '#e6dcc8', '#262626', '#4d4d4d', '#fcfaf5'),
};

function colours(
  skyTop: string,
  skyBottom: string,
  title: string,
  words: string,
  halo: string,
): ThemeColours {
  return {
    skyTop: hexColour(skyTop),
    skyBottom: hexColour(skyBottom),
    title: hexColour(title),
    words: hexColour(words),
    halo: hexColour(halo),
  };
}

/** Pictures to pick from when no theme is asked for; 'plain' is only used when asked for. */
const PICTURE_THEMES: readonly TitleCardTheme[] = ['night', 'forest', 'sea', 'sun'];

/** The theme a title gets by default: stable for a title, varied across a library. */
export function defaultTheme(title: string): TitleCardTheme {
  // FNV-1a, 32-bit, over the trimmed NFC title, so "Le loup" and "Le loup " match.
  let hash = 0x811c9dc5;
  const text = title.slice(0, 1000).normalize('NFC').trim();
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PICTURE_THEMES[hash % PICTURE_THEMES.length] ?? 'night';
}
