/**
 * The pictures behind a title card: a gradient sky and a few simple shapes per theme (moon and
 * stars, pine trees, waves, a sun with rays). Shapes keep to the edges and the bottom, where the
 * text is not; coordinates are laid out for 320×240 and scaled by `k` for other sizes. Shape
 * positions come from a fixed seed per theme, so a theme always looks the same.
 */
import { THEME_COLOURS, type TitleCardTheme } from './card-themes.js';
import { hexColour, type RgbCanvas } from './rgb-canvas.js';
import { bandBelow, convexPolygon, crescent, disc, thickLine, verticalGradient } from './shape-paint.js';

/** Small deterministic generator (mulberry32): same seed, same stars, on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function paintScene(canvas: RgbCanvas, theme: TitleCardTheme): void {
  const colours = THEME_COLOURS[theme];
  verticalGradient(canvas, colours.skyTop, colours.skyBottom);
  const k = Math.min(canvas.width / 320, canvas.height / 240);
  SCENES[theme](canvas, k);
}

const SCENES: Readonly<Record<TitleCardTheme, (canvas: RgbCanvas, k: number) => void>> = {
  night: paintNight,
  forest: paintForest,
  sea: paintSea,
  sun: paintSun,
  plain: paintPlain,
};

function paintNight(canvas: RgbCanvas, k: number): void {
  const { width: w, height: h } = canvas;
  const random = seeded(0x5eed01);
  const star = hexColour('#fff6d5');
  for (let i = 0; i < 34; i += 1) {
    const x = random() * w;
    const y = random() * h * 0.8;
    const size = (0.5 + random() * 0.9) * k;
    disc(canvas, x, y, size, star, 0.55 + random() * 0.45);
    if (i % 6 === 0) {
      // A few twinkles: a small cross of light.
      const arm = size * 3.5;
      thickLine(canvas, x - arm, y, x + arm, y, 0.35 * k, star, 0.8);
      thickLine(canvas, x, y - arm, x, y + arm, 0.35 * k, star, 0.8);
    }
  }
  crescent(canvas, w - 36 * k, 34 * k, 17 * k, -7 * k, -5 * k, 14.5 * k, hexColour('#f7e9a6'));
  const hill = hexColour('#161c4d');
  bandBelow(canvas, (x) => h - 22 * k + 6 * k * Math.sin(x / (38 * k) + 0.6), hill);
}

function pine(
  canvas: RgbCanvas,
  baseX: number,
  baseY: number,
  height: number,
  colour: ReturnType<typeof hexColour>,
): void {
  const trunk = hexColour('#3a2616');
  const halfTrunk = height * 0.05;
  convexPolygon(
    canvas,
    [
      baseX - halfTrunk,
      baseY,
      baseX + halfTrunk,
      baseY,
      baseX + halfTrunk,
      baseY - height * 0.25,
      baseX - halfTrunk,
      baseY - height * 0.25,
    ],
    trunk,
  );
  // Three stacked tiers, each narrower and higher.
  for (let tier = 0; tier < 3; tier += 1) {
    const bottom = baseY - height * (0.18 + tier * 0.24);
    const top = bottom - height * 0.42;
    const half = height * (0.3 - tier * 0.07);
    convexPolygon(canvas, [baseX - half, bottom, baseX + half, bottom, baseX, top], colour);
  }
}

function paintForest(canvas: RgbCanvas, k: number): void {
  const { width: w, height: h } = canvas;
  const random = seeded(0x5eed02);
  const far = hexColour('#1f5a3e');
  for (let i = 0; i < 9; i += 1) {
    pine(canvas, (i + 0.2 + random() * 0.6) * (w / 9), h - 14 * k, (42 + random() * 22) * k, far);
  }
  bandBelow(canvas, (x) => h - 16 * k + 3 * k * Math.sin(x / (30 * k)), hexColour('#164a33'));
  const near = hexColour('#0b2e21');
  for (let i = 0; i < 5; i += 1) {
    const x = i < 2 ? (6 + i * 34) * k : w - (6 + (4 - i) * 34) * k;
    pine(canvas, x, h + 4 * k, (74 + random() * 22) * k, near);
  }
  const firefly = hexColour('#eef7a0');
  for (let i = 0; i < 9; i += 1) {
    disc(canvas, random() * w, h * (0.15 + random() * 0.6), 1.1 * k, firefly, 0.7);
  }
}

function paintSea(canvas: RgbCanvas, k: number): void {
  const { width: w, height: h } = canvas;
  const gull = hexColour('#eaf6ff');
  for (const [x, y, s] of [
    [30, 32, 1],
    [52, 22, 0.8],
    [w / k - 40, 40, 0.9],
  ] as const) {
    const cx = x * k;
    const cy = y * k;
    const span = 7 * s * k;
    thickLine(canvas, cx - span, cy - span * 0.45, cx, cy, 0.9 * k, gull);
    thickLine(canvas, cx, cy, cx + span, cy - span * 0.45, 0.9 * k, gull);
  }
  const bands = [
    { base: h - 58 * k, amp: 4 * k, period: 26, phase: 0, colour: '#3a9ccc' },
    { base: h - 38 * k, amp: 5 * k, period: 31, phase: 2, colour: '#1f75a8' },
    { base: h - 18 * k, amp: 6 * k, period: 36, phase: 4, colour: '#145a8a' },
  ];
  const foam = hexColour('#d6f1ff');
  for (const band of bands) {
    const surface = (x: number) => band.base + band.amp * Math.sin(x / (band.period * k) + band.phase);
    bandBelow(canvas, surface, hexColour(band.colour));
    for (let x = 0; x < w; x += 1) {
      // A foam crest: a short bright line along the top of the wave.
      const y0 = surface(x);
      thickLine(canvas, x, y0, x + 1, surface(x + 1), 0.6 * k, foam, 0.35);
    }
  }
}

function paintSun(canvas: RgbCanvas, k: number): void {
  const { width: w, height: h } = canvas;
  const cx = 30 * k;
  const cy = 28 * k;
  const r = 18 * k;
  const ray = hexColour('#ffc93d');
  for (let i = 0; i < 12; i += 1) {
    const angle = (i / 12) * 2 * Math.PI + 0.13;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    thickLine(
      canvas,
      cx + c * (r + 5 * k),
      cy + s * (r + 5 * k),
      cx + c * (r + 16 * k),
      cy + s * (r + 16 * k),
      2 * k,
      ray,
    );
  }
  disc(canvas, cx, cy, r, hexColour('#ffd23f'));
  disc(canvas, cx, cy, r * 0.78, hexColour('#ffe887'));
  const cloud = hexColour('#fffaf0');
  for (const [x, y, s] of [
    [w / k - 62, 40, 1],
    [w / k - 128, 70, 0.7],
  ] as const) {
    for (const [dx, dy, dr] of [
      [-14, 4, 9],
      [0, -2, 13],
      [15, 3, 10],
    ] as const) {
      disc(canvas, (x + dx * s) * k, (y + dy * s) * k, dr * s * k, cloud, 0.92);
    }
  }
  bandBelow(canvas, (x) => h - 20 * k + 7 * k * Math.sin(x / (52 * k) + 1.2), hexColour('#f39a4a'));
}

function paintPlain(canvas: RgbCanvas, k: number): void {
  const { width: w, height: h } = canvas;
  const line = hexColour('#cbbd9f');
  const inset = 7 * k;
  const half = 0.75 * k;
  thickLine(canvas, inset, inset, w - inset, inset, half, line);
  thickLine(canvas, w - inset, inset, w - inset, h - inset, half, line);
  thickLine(canvas, w - inset, h - inset, inset, h - inset, half, line);
  thickLine(canvas, inset, h - inset, inset, inset, half, line);
}
