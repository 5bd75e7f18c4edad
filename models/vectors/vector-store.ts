/**
 * The entry point: `openVectorStore(db)` on the library's better-sqlite3 handle loads sqlite-vec,
 * sets up the store's tables, and hands out one VectorIndex per (embedder id, version, dimension,
 * representation), each with its own vec0 table, so vectors of two models never mix.
 *
 * Switching models: `index(newEmbedder)` creates the new, empty table; `reindex` fills it; and
 * `activate(newEmbedder)` points queries at it. Activating first shows partial results while the
 * re-index runs; activating after it finishes swaps with no gap. Old tables stay until dropped.
 */
import type Database from 'better-sqlite3';

import {
  DEFAULT_REPRESENTATION,
  REPRESENTATION_SPECS,
  isRepresentation,
  type Representation,
} from './representation';
import { ensureSqliteVec } from './sqlite-vec-loader';
import { VectorError } from './vector-error';
import { VectorIndex } from './vector-index';
import { VectorRegistry, type RegisteredIndex, type VectorIndexRecord } from './vector-registry';
import { ensureVectorSchema } from './vector-schema';
import { checkEmbedder, checkId, type EmbedderIdentity } from './vector-validation';

export interface IndexOptions {
  /** Defaults to DEFAULT_REPRESENTATION (float32: exact; see representation.ts for why). */
  representation?: Representation | undefined;
}

export function openVectorStore(db: Database.Database): VectorStore {
  return new VectorStore(db);
}

export class VectorStore {
  private readonly registry: VectorRegistry;
  /** One VectorIndex per table, so its prepared statements are made once. */
  private readonly indexes = new Map<number, VectorIndex>();

  constructor(private readonly db: Database.Database) {
    ensureSqliteVec(db);
    ensureVectorSchema(db);
    this.registry = new VectorRegistry(db);
  }

  /** The index for `embedder`, created (empty) the first time it is asked for. */
  index(embedder: EmbedderIdentity, options: IndexOptions = {}): VectorIndex {
    const identity = checkEmbedder(embedder);
    const representation = checkRepresentation(options.representation ?? DEFAULT_REPRESENTATION, identity);
    const record = this.db
      .transaction(() => {
        const found = this.registry.find(identity, representation);
        if (found) return found;
        const created = this.registry.insert(identity, representation);
        this.db.exec(
          `CREATE VIRTUAL TABLE IF NOT EXISTS "${created.vecTable}"
             USING vec0(${REPRESENTATION_SPECS[representation].column(identity.dimension)})`,
        );
        // exact: the unit float32 vector, kept only where Hamming candidates are re-scored (bit).
        this.db.exec(`CREATE TABLE IF NOT EXISTS "${created.keysTable}" (
          key INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          exact BLOB
        ) STRICT`);
        return created;
      })
      .immediate();
    return this.instance(record);
  }

  /** Makes `embedder`'s index the one queries use (creating it, empty, if needed). */
  activate(embedder: EmbedderIdentity, options: IndexOptions = {}): VectorIndex {
    return this.db
      .transaction(() => {
        const index = this.index(embedder, options);
        this.registry.setActive(index.record.registryId);
        return index;
      })
      .immediate();
  }

  /** The index queries use, or null before any embedder was activated. */
  active(): VectorIndex | null {
    const record = this.registry.active();
    return record ? this.instance(record) : null;
  }

  list(): RegisteredIndex[] {
    return this.registry.list();
  }

  /** Drops an inactive index's tables and registry row. The active index cannot be dropped. */
  drop(target: VectorIndex | VectorIndexRecord): void {
    const registryId = target instanceof VectorIndex ? target.record.registryId : target.registryId;
    this.db
      .transaction(() => {
        const record = this.registry.byId(registryId);
        if (!record) return;
        if (record.active) {
          throw new VectorError(
            'active-index',
            `The vector index for embedder "${record.embedderId}" (${record.embedderVersion}) is the active one; activate another before dropping it.`,
          );
        }
        this.db.exec(`DROP TABLE IF EXISTS "${record.vecTable}"`);
        this.db.exec(`DROP TABLE IF EXISTS "${record.keysTable}"`);
        this.registry.delete(registryId);
      })
      .immediate();
    this.indexes.get(registryId)?.markDropped();
    this.indexes.delete(registryId);
  }

  /** Drops every index but the active one (old models after a switch); returns what it dropped. */
  dropInactive(): RegisteredIndex[] {
    const inactive = this.registry.list().filter((record) => !record.active);
    for (const record of inactive) this.drop(record);
    return inactive;
  }

  /** A story was deleted: its vectors go from every index, active or still being filled. */
  removeEverywhere(id: string): number {
    checkId(id);
    return this.db.transaction(() => {
      let removed = 0;
      for (const record of this.registry.list()) if (this.instance(record).remove(id)) removed += 1;
      return removed;
    })();
  }

  private instance(record: RegisteredIndex): VectorIndex {
    let index = this.indexes.get(record.registryId);
    if (!index) {
      // The index keeps only what never changes; `active` is read from the registry when asked.
      const { active: _active, ...fixed } = record;
      index = new VectorIndex(this.db, fixed);
      this.indexes.set(record.registryId, index);
    }
    return index;
  }
}

function checkRepresentation(representation: unknown, embedder: EmbedderIdentity): Representation {
  if (!isRepresentation(representation)) {
    throw new VectorError(
      'invalid-argument',
      `Unknown vector representation ${JSON.stringify(representation)}; use float32, int8 or bit.`,
    );
  }
  if (representation === 'bit' && embedder.dimension % 8 !== 0) {
    throw new VectorError(
      'invalid-argument',
      `The bit representation needs a dimension divisible by 8; embedder "${embedder.id}" has ${embedder.dimension}.`,
    );
  }
  return representation;
}
