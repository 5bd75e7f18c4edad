// Picks the asset store at start-up: the filesystem under the data folder unless every
// CLOUD_S3_* variable needed for an object store is set.
import path from 'node:path';
import type { AssetStore } from './asset-store.js';
import { FilesystemAssetStore } from './filesystem-asset-store.js';
import { S3AssetStore } from './s3-asset-store.js';

export class AssetStoreConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssetStoreConfigError';
  }
}

const S3_VARS = [
  'CLOUD_S3_ENDPOINT',
  'CLOUD_S3_BUCKET',
  'CLOUD_S3_ACCESS_KEY_ID',
  'CLOUD_S3_SECRET_ACCESS_KEY',
];

export function assetStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): AssetStore {
  const set = S3_VARS.filter((name) => env[name]);
  if (set.length === 0) return new FilesystemAssetStore(path.join(dataDir, 'assets'));
  const missing = S3_VARS.filter((name) => !env[name]);
  if (missing.length > 0)
    throw new AssetStoreConfigError(
      `An S3 asset store needs ${missing.join(', ')} as well as ${set.join(', ')}.`,
    );
  return new S3AssetStore({
    endpoint: env.CLOUD_S3_ENDPOINT ?? '',
    bucket: env.CLOUD_S3_BUCKET ?? '',
    accessKeyId: env.CLOUD_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.CLOUD_S3_SECRET_ACCESS_KEY ?? '',
    region: env.CLOUD_S3_REGION ?? 'us-east-1',
    ...(env.CLOUD_S3_PREFIX ? { prefix: env.CLOUD_S3_PREFIX } : {}),
  });
}
