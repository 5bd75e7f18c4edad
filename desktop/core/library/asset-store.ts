/**
 * Content-addressed storage for images and audio: each file is named by the SHA-256 of its
 * bytes, kept once however many stories use it, and counted by the story_assets rows that
 * reference it.
 *
 * Why every write ends inside an IMMEDIATE transaction: the garbage collector deletes rows
 * and files under the same write lock, so a put in another process (the CLI beside the app)
 * can never see a row whose file is about to vanish.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type Database from 'better-sqlite3';

import { TalemoError } from '../errors';

/** Unreferenced assets younger than this are kept: an import may be about to reference them. */
const DEFAULT_GRACE_MS = 60 * 60 * 1000;

export interface StoredAsset {
  hash: string;
  size: number;
  mime: string;
}

export class AssetStore {
  readonly #db: Database.Database;
  readonly #root: string;
  readonly #tmp: string;

  constructor(db: Database.Database, root: string, tmp: string) {
    this.#db = db;
    this.#root = root;
    this.#tmp = tmp;
    mkdirSync(root, { recursive: true });
    mkdirSync(tmp, { recursive: true });
  }

  path(hash: string): string {
    return join(this.#root, hash.slice(0, 2), hash);
  }

  /** A fresh path in the library's temp folder (same file system as the store, so renames are atomic). */
  tempPath(label: string): string {
    return join(this.#tmp, `${label}-${randomUUID()}`);
  }

  get(hash: string): StoredAsset | null {
    const row = this.#db.prepare('SELECT hash, size, mime FROM assets WHERE hash = ?').get(hash) as
      StoredAsset | undefined;
    return row ?? null;
  }

  async read(hash: string): Promise<{ mime: string; data: Buffer }> {
    const asset = this.get(hash);
    if (!asset) throw new TalemoError('not-found', `No asset ${hash} in this library.`);
    return { mime: asset.mime, data: await readFile(this.path(hash)) };
  }

  async putBytes(bytes: Uint8Array, mime: string): Promise<StoredAsset> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (this.get(hash) && existsSync(this.path(hash))) return { hash, size: bytes.byteLength, mime };
    const temp = this.tempPath('put');
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return this.adoptFile(temp, { hash, size: bytes.byteLength, mime });
  }

  /**
   * Moves a file whose hash the caller computed (an import's staging area) into the store.
   * The file must sit on the library's file system; it is consumed either way.
   */
  adoptFile(path: string, asset: StoredAsset): StoredAsset {
    const target = this.path(asset.hash);
    this.#db
      .transaction(() => {
        this.#db
          .prepare('INSERT OR IGNORE INTO assets (hash, size, mime, created_at) VALUES (?, ?, ?, ?)')
          .run(asset.hash, asset.size, asset.mime, new Date().toISOString());
        if (existsSync(target)) {
          rmSync(path, { force: true });
        } else {
          mkdirSync(join(this.#root, asset.hash.slice(0, 2)), { recursive: true });
          renameSync(path, target);
        }
      })
      .immediate();
    return asset;
  }

  /** How many stories reference each asset; an asset with 0 is garbage once its grace ends. */
  referenceCount(hash: string): number {
    const row = this.#db.prepare('SELECT count(*) AS n FROM story_assets WHERE hash = ?').get(hash) as {
      n: number;
    };
    return row.n;
  }

  /** Re-hashes a stored file; false means the disk no longer holds what was stored. */
  async verify(hash: string): Promise<boolean> {
    const digest = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.path(hash))) digest.update(chunk as Buffer);
    } catch {
      return false;
    }
    return digest.digest('hex') === hash;
  }

  /**
   * Deletes assets no story references and that are older than the grace period, files on
   * disk the database does not know (left by a crash between rename and commit), and stale
   * temp files. Safe to run while the app is in use.
   */
  collectGarbage(options: { graceMs?: number; now?: Date } = {}): { removed: number; bytesFreed: number } {
    const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    const now = options.now ?? new Date();
    const cutoff = new Date(now.getTime() - graceMs);
    let removed = 0;
    let bytesFreed = 0;
    this.#db
      .transaction(() => {
        const garbage = this.#db
          .prepare(
            `SELECT hash, size FROM assets a WHERE created_at < ?
           AND NOT EXISTS (SELECT 1 FROM story_assets s WHERE s.hash = a.hash)`,
          )
          .all(cutoff.toISOString()) as { hash: string; size: number }[];
        const remove = this.#db.prepare('DELETE FROM assets WHERE hash = ?');
        for (const { hash, size } of garbage) {
          remove.run(hash);
          rmSync(this.path(hash), { force: true });
          removed += 1;
          bytesFreed += size;
        }
        const known = this.#db.prepare('SELECT 1 FROM assets WHERE hash = ?');
        for (const shard of readdirSync(this.#root)) {
          for (const name of readdirSync(join(this.#root, shard))) {
            const file = join(this.#root, shard, name);
            if (known.get(name) || statSync(file).mtime > cutoff) continue;
            bytesFreed += statSync(file).size;
            rmSync(file, { force: true });
            removed += 1;
          }
        }
      })
      .immediate();
    for (const name of readdirSync(this.#tmp)) {
      const file = join(this.#tmp, name);
      if (statSync(file).mtime <= cutoff) rmSync(file, { recursive: true, force: true });
    }
    return { removed, bytesFreed };
  }
}
