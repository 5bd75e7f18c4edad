/** Compares a file's name with what its content turned out to be. */
import { extname } from 'node:path';
import type { AudioContainer } from './audio-source.js';

// The names each container is commonly given; any other extension is a mismatch.
const EXTENSIONS: Record<AudioContainer, readonly string[]> = {
  wav: ['wav', 'wave', 'bwf', 'rf64'],
  mp3: ['mp3', 'mp2', 'mpga'],
  ogg: ['ogg', 'oga', 'opus'],
  flac: ['flac', 'fla'],
  webm: ['webm', 'weba', 'mkv', 'mka'],
  mp4: ['m4a', 'm4b', 'mp4', 'm4v', 'mov', '3gp'],
};

/** "named .mp3 but is a WAV file", or undefined when the name fits or has no extension. */
export function extensionMismatch(
  path: string,
  container: AudioContainer,
  description: string,
): string | undefined {
  const extension = extname(path).slice(1).toLowerCase();
  if (!extension || EXTENSIONS[container].includes(extension)) return undefined;
  return `named .${extension} but is ${description}`;
}
