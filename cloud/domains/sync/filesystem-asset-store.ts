// The default asset store: files under <CLOUD_DATA_DIR>/assets/<tenant>/<aa>/<sha256>. A file
// is written to a temporary name beside its final one and renamed, so a reader never sees half a
// file and a crash leaves at most a stray temporary file.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assetKey, AssetStoreError, type AssetStore } from './asset-store.js';

export class FilesystemAssetStore implements AssetStore {
  constructor(private readonly root: string) {}

  private pathOf(tenantId: string, sha256: string): string {
    return path.join(this.root, ...assetKey(tenantId, sha256).split('/'));
  }

  async put(tenantId: string, sha256: string, data: Buffer): Promise<void> {
    const target = this.pathOf(tenantId, sha256);
    if (await this.has(tenantId, sha256)) return;
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(temp, data, { flag: 'wx' });
      // Content-addressed: if a concurrent upload renamed first, it wrote the same bytes.
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw new AssetStoreError(`Could not store asset ${sha256}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async get(tenantId: string, sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(tenantId, sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AssetStoreError(`Could not read asset ${sha256}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async has(tenantId: string, sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(tenantId, sha256))).isFile();
    } catch {
      return false;
    }
  }
}
