/**
 * Scales an RGB picture into a fixed frame. Shrinking averages every source pixel a target
 * pixel covers (area averaging), so photos do not shimmer or alias at 320×240; enlarging
 * small pictures is bilinear. Averaging is done on the stored (gamma-encoded) values: at
 * 16 colours the slight darkening of fine high-contrast detail this causes is not visible.
 */
export interface RgbImage {
  width: number;
  height: number;
  /** 8-bit RGB, rows top to bottom. */
  rgb: Uint8Array;
}

/** 'cover' fills the frame and crops the overflow; 'contain' shows it all and fills the bars. */
export type Fit = 'cover' | 'contain';

export function fitImage(
  image: RgbImage,
  width: number,
  height: number,
  fit: Fit,
  background: readonly [number, number, number],
): RgbImage {
  const scale =
    fit === 'cover'
      ? Math.max(width / image.width, height / image.height)
      : Math.min(width / image.width, height / image.height);
  if (fit === 'cover') {
    const cropWidth = width / scale;
    const cropHeight = height / scale;
    const crop = {
      x: (image.width - cropWidth) / 2,
      y: (image.height - cropHeight) / 2,
      width: cropWidth,
      height: cropHeight,
    };
    return { width, height, rgb: resample(image, crop, width, height) };
  }
  const innerWidth = Math.max(1, Math.min(width, Math.round(image.width * scale)));
  const innerHeight = Math.max(1, Math.min(height, Math.round(image.height * scale)));
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  const inner = resample(image, whole, innerWidth, innerHeight);
  return { width, height, rgb: paste(inner, innerWidth, innerHeight, width, height, background) };
}

function paste(
  inner: Uint8Array,
  innerWidth: number,
  innerHeight: number,
  width: number,
  height: number,
  background: readonly [number, number, number],
): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i += 1) rgb.set(background, i * 3);
  const left = Math.floor((width - innerWidth) / 2);
  const top = Math.floor((height - innerHeight) / 2);
  for (let y = 0; y < innerHeight; y += 1) {
    rgb.set(inner.subarray(y * innerWidth * 3, (y + 1) * innerWidth * 3), ((top + y) * width + left) * 3);
  }
  return rgb;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** For each target coordinate along one axis: the source pixels it reads and their weights. */
interface AxisTaps {
  index: Int32Array[];
  weight: Float64Array[];
}

function axisTaps(sourceLength: number, start: number, span: number, targetLength: number): AxisTaps {
  const step = span / targetLength;
  const taps: AxisTaps = { index: [], weight: [] };
  const clamp = (k: number): number => Math.min(sourceLength - 1, Math.max(0, k));
  for (let i = 0; i < targetLength; i += 1) {
    const pairs: Array<[number, number]> = [];
    if (step >= 1) {
      const lo = start + i * step;
      const hi = lo + step;
      for (let k = Math.floor(lo); k < Math.ceil(hi); k += 1) {
        const overlap = Math.min(hi, k + 1) - Math.max(lo, k);
        if (overlap > 1e-9) pairs.push([clamp(k), overlap]);
      }
    } else {
      const centre = start + (i + 0.5) * step - 0.5;
      const k = Math.floor(centre);
      const t = centre - k;
      pairs.push([clamp(k), 1 - t], [clamp(k + 1), t]);
    }
    const total = pairs.reduce((sum, [, w]) => sum + w, 0);
    taps.index.push(Int32Array.from(pairs, ([k]) => k));
    taps.weight.push(Float64Array.from(pairs, ([, w]) => w / total));
  }
  return taps;
}

/** Separable resampling of `rect` of the source to targetWidth × targetHeight. */
function resample(image: RgbImage, rect: Rect, targetWidth: number, targetHeight: number): Uint8Array {
  const columns = axisTaps(image.width, rect.x, rect.width, targetWidth);
  const rows = axisTaps(image.height, rect.y, rect.height, targetHeight);
  // Horizontal pass only over the source rows some target row reads.
  const firstRow = Math.min(...rows.index.map((r) => r[0] ?? 0));
  const lastRow = Math.max(...rows.index.map((r) => r[r.length - 1] ?? 0));
  const wide = new Float64Array((lastRow - firstRow + 1) * targetWidth * 3);
  for (let y = firstRow; y <= lastRow; y += 1) {
    const sourceRow = y * image.width * 3;
    const outRow = (y - firstRow) * targetWidth * 3;
    for (let x = 0; x < targetWidth; x += 1) {
      const index = columns.index[x] ?? new Int32Array(0);
      const weight = columns.weight[x] ?? new Float64Array(0);
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = 0; t < index.length; t += 1) {
        const at = sourceRow + (index[t] ?? 0) * 3;
        const w = weight[t] ?? 0;
        r += (image.rgb[at] ?? 0) * w;
        g += (image.rgb[at + 1] ?? 0) * w;
        b += (image.rgb[at + 2] ?? 0) * w;
      }
      wide[outRow + x * 3] = r;
      wide[outRow + x * 3 + 1] = g;
      wide[outRow + x * 3 + 2] = b;
    }
  }
  const out = new Uint8Array(targetWidth * targetHeight * 3);
  for (let y = 0; y < targetHeight; y += 1) {
    const index = rows.index[y] ?? new Int32Array(0);
    const weight = rows.weight[y] ?? new Float64Array(0);
    for (let i = 0; i < targetWidth * 3; i += 1) {
      let sum = 0;
      for (let t = 0; t < index.length; t += 1)
        sum += (wide[((index[t] ?? 0) - firstRow) * targetWidth * 3 + i] ?? 0) * (weight[t] ?? 0);
      out[y * targetWidth * 3 + i] = Math.min(255, Math.max(0, Math.round(sum)));
    }
  }
  return out;
}
