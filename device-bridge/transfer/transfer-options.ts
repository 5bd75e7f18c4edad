/** What every write to a box takes. */
export interface TransferOptions {
  /** The app's data folder: backups go to `<dataDir>/devices/<serial>/`. */
  dataDir: string;
  signal?: AbortSignal;
  /** Bytes done and to do across the whole operation. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export function isCancelled(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
