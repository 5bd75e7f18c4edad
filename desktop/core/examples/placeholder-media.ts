/**
 * Artwork and narration placeholders for the example stories, generated rather than shipped:
 * a night-sky cover in the story's colours (320×240, the Lunii screen) and a soft two-note
 * chime per node, so the preview player has something to play before real narration exists.
 */
import { encodeWavMono16 } from '../../../device-bridge/audio/wav-encode';
import { encodePngRgb } from '../../../device-bridge/image/png-encode';

export const COVER_WIDTH = 320;
export const COVER_HEIGHT = 240;

type Rgb = readonly [number, number, number];

export function paintCover(top: Rgb, bottom: Rgb, moon: Rgb): Uint8Array {
  const rgb = new Uint8Array(COVER_WIDTH * COVER_HEIGHT * 3);
  const moonX = COVER_WIDTH * 0.72;
  const moonY = COVER_HEIGHT * 0.3;
  for (let y = 0; y < COVER_HEIGHT; y += 1) {
    const t = y / (COVER_HEIGHT - 1);
    for (let x = 0; x < COVER_WIDTH; x += 1) {
      let pixel: Rgb = [
        top[0] + (bottom[0] - top[0]) * t,
        top[1] + (bottom[1] - top[1]) * t,
        top[2] + (bottom[2] - top[2]) * t,
      ];
      const hill = COVER_HEIGHT * 0.78 + Math.sin(x / 37) * 10;
      if (y > hill) pixel = [bottom[0] * 0.45, bottom[1] * 0.55, bottom[2] * 0.45];
      if (Math.hypot(x - moonX, y - moonY) < 28) pixel = moon;
      // A few fixed stars: a cheap hash keeps them the same on every run.
      if (y < hill && (x * 7919 + y * 104729) % 997 === 0) pixel = [255, 255, 240];
      rgb.set(pixel.map(Math.round), (y * COVER_WIDTH + x) * 3);
    }
  }
  return encodePngRgb(COVER_WIDTH, COVER_HEIGHT, rgb);
}

export function chime(baseHz: number, seconds = 1.2, sampleRate = 22_050): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  const half = samples.length / 2;
  for (let i = 0; i < samples.length; i += 1) {
    const hz = i < half ? baseHz : baseHz * 1.5;
    const local = (i < half ? i : i - half) / sampleRate;
    // Why the envelope: a bell-like decay, with a 5 ms fade-in so the start does not click.
    const envelope = Math.min(1, local / 0.005) * Math.exp(-local * 4);
    samples[i] = 0.3 * envelope * Math.sin(2 * Math.PI * hz * (i / sampleRate));
  }
  return encodeWavMono16(samples, sampleRate);
}
