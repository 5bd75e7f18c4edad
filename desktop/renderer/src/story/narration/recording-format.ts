/**
 * What the recorder asks MediaRecorder for, and the file name the recording travels under.
 * Opus in WebM first: every Chromium (and so Electron) records it, and it is small; the others
 * are for browsers that cannot (Safari records MP4).
 */
const PREFERRED = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'] as const;

/** The first preferred type the browser records, or undefined to take the browser's default. */
export function recordingMimeType(isTypeSupported: (type: string) => boolean): string | undefined {
  return PREFERRED.find((type) => isTypeSupported(type));
}

/** The core decodes by content, but an honest extension keeps a saved file openable. */
export function recordingFileName(mimeType: string, nodeId: string): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase();
  const extension = base === 'audio/ogg' ? 'ogg' : base === 'audio/mp4' ? 'm4a' : 'webm';
  return `recording-${nodeId.slice(0, 40)}.${extension}`;
}
