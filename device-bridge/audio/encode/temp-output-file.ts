/**
 * An output written beside its final path and renamed into place only when complete, so
 * a reader (or a device copy) never sees half a file, and a cancelled or failed encode
 * leaves nothing behind. Small writes are gathered into larger ones: encoders hand over
 * a few hundred bytes at a time.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';

const FLUSH_BYTES = 256 * 1024;

export class TempOutputFile {
  private queued: Uint8Array[] = [];
  private queuedBytes = 0;
  private written = 0;

  private constructor(
    readonly finalPath: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(finalPath: string): Promise<TempOutputFile> {
    const tempPath = `${finalPath}.${randomBytes(6).toString('hex')}.partial`;
    return new TempOutputFile(finalPath, tempPath, await open(tempPath, 'wx'));
  }

  /** Bytes handed to `write` so far. */
  get size(): number {
    return this.written + this.queuedBytes;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.queued.push(bytes);
    this.queuedBytes += bytes.length;
    if (this.queuedBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Flushes, closes and renames onto the final path (replacing what was there). */
  async commit(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tempPath, this.finalPath);
  }

  /** Closes and deletes the temporary file; safe to call after a failed write. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.queuedBytes === 0) return;
    const chunk = this.queued.length === 1 ? this.queued[0]! : Buffer.concat(this.queued, this.queuedBytes);
    this.queued = [];
    this.written += this.queuedBytes;
    this.queuedBytes = 0;
    await this.handle.write(chunk);
  }
}

/**
 * Runs `produce` against a temp file and commits it; on any error or cancellation the
 * temp file is removed and the error passed on.
 */
export async function writeAtomically<T>(
  finalPath: string,
  produce: (file: TempOutputFile) => Promise<T>,
): Promise<T> {
  const file = await TempOutputFile.create(finalPath);
  try {
    const result = await produce(file);
    await file.commit();
    return result;
  } catch (error) {
    await file.discard();
    throw error;
  }
}
