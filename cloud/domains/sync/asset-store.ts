// Where uploaded asset bytes live. Keys are content hashes under a tenant prefix, so one tenant's
// file is stored once however many stories use it, and never shares a key with another tenant's.
// The database (sync_assets) says which hashes a tenant has; the store only holds the bytes.

export interface AssetStore {
  /** Stores `data` (already verified to hash to `sha256`) unless it is there; idempotent. */
  put(tenantId: string, sha256: string, data: Buffer): Promise<void>;
  /** The bytes, or null when this tenant has no such asset. */
  get(tenantId: string, sha256: string): Promise<Buffer | null>;
  has(tenantId: string, sha256: string): Promise<boolean>;
}

/** The store failed (disk full, the S3 endpoint said no): a 5xx for the client, who retries later. */
export class AssetStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssetStoreError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `<tenant>/<aa>/<sha256>`; both parts are checked so no input can name another path. */
export function assetKey(tenantId: string, sha256: string): string {
  if (!UUID.test(tenantId)) throw new AssetStoreError(`Not a tenant id: "${tenantId}".`);
  if (!HEX64.test(sha256)) throw new AssetStoreError(`Not a SHA-256 in lower-case hex: "${sha256}".`);
  return `${tenantId}/${sha256.slice(0, 2)}/${sha256}`;
}
