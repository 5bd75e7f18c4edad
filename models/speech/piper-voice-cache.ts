/**
 * Loaded Piper voices, kept between calls: a story is narrated page by page, and loading a
 * 60 MB model for every page would cost more than speaking it. At most two voices stay loaded
 * (a French and an English story side by side); a voice unused for a minute is closed. Idle
 * voices never keep the process alive (their workers and timers are unreferenced).
 */
import { statSync } from 'node:fs';

import { PiperVoice, type PiperVoiceFiles, type PiperVoiceOptions } from './piper-voice';

const MAX_LOADED = 2;
const IDLE_CLOSE_MS = 60_000;

interface Loaded {
  voice: Promise<PiperVoice>;
  users: number;
  timer: NodeJS.Timeout | undefined;
}

const loaded = new Map<string, Loaded>();

function keyOf(files: PiperVoiceFiles): string {
  const model = statSync(files.modelPath);
  const config = statSync(files.configPath);
  return [files.modelPath, model.size, model.mtimeMs, config.size, config.mtimeMs].join('\n');
}

function forget(key: string): void {
  const entry = loaded.get(key);
  if (!entry) return;
  loaded.delete(key);
  clearTimeout(entry.timer);
  void entry.voice.then((voice) => voice.close()).catch(() => undefined);
}

/** Closes idle voices (oldest first) until there is room for one more. */
function makeRoom(): void {
  for (const [key, entry] of loaded) {
    if (loaded.size < MAX_LOADED) return;
    if (entry.users === 0) forget(key);
  }
}

/** Runs `use` with the voice of `files`, loading it if needed (a changed file loads afresh). */
export async function withPiperVoice<T>(
  files: PiperVoiceFiles,
  use: (voice: PiperVoice) => Promise<T>,
  options: PiperVoiceOptions = {},
): Promise<T> {
  const key = keyOf(files);
  let entry = loaded.get(key);
  if (entry) {
    // Most recently used last, so the oldest idle voice is the first to go.
    loaded.delete(key);
    loaded.set(key, entry);
  } else {
    makeRoom();
    const created: Loaded = { voice: PiperVoice.load(files.folder, options), users: 0, timer: undefined };
    // A voice that failed to load is not kept: the next call tries again.
    created.voice.catch(() => {
      if (loaded.get(key) === created) loaded.delete(key);
    });
    loaded.set(key, created);
    entry = created;
  }
  const current = entry;
  clearTimeout(current.timer);
  current.users += 1;
  try {
    return await use(await current.voice);
  } finally {
    current.users -= 1;
    if (current.users === 0 && loaded.get(key) === current) {
      current.timer = setTimeout(() => forget(key), IDLE_CLOSE_MS);
      current.timer.unref();
    }
  }
}

/** Closes every loaded voice (at shutdown, and between tests). */
export async function closePiperVoices(): Promise<void> {
  const voices = [...loaded.values()].map((entry) => entry.voice);
  for (const key of [...loaded.keys()]) forget(key);
  await Promise.all(voices.map((voice) => voice.then((v) => v.close()).catch(() => undefined)));
}
