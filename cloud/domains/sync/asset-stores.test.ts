// Both asset stores do the same thing: store once by tenant + hash, read back, and never let one
// tenant's key reach another's. The S3 store talks SigV4 to a fake S3 server over real HTTP.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3Server, type FakeS3Server } from '../../testing/fake-s3-server.js';
import { AssetStoreConfigError, assetStoreFromEnv } from './asset-store-from-env.js';
import { AssetStoreError, type AssetStore } from './asset-store.js';
import { FilesystemAssetStore } from './filesystem-asset-store.js';
import { S3AssetStore } from './s3-asset-store.js';
import { EMPTY_SHA256, signRequest } from './sigv4.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('SigV4', () => {
  it('matches the published S3 "GET Object" example signature', () => {
    // Example from the AWS S3 API reference, "Signature Calculations for the Authorization
    // Header: Transferring Payload in a Single Chunk", GET Object with a Range header.
    const headers = signRequest(
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
      },
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
        payloadSha256: EMPTY_SHA256,
        now: new Date('2013-05-24T00:00:00Z'),
      },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('asset stores', () => {
  let s3: FakeS3Server;
  const root = mkdtempSync(path.join(os.tmpdir(), 'talemo-assets-'));
  beforeAll(async () => {
    s3 = await startFakeS3Server();
  });
  afterAll(async () => {
    await s3?.close();
  });

  const stores: Array<[string, () => AssetStore]> = [
    ['filesystem', () => new FilesystemAssetStore(root)],
    ['S3-compatible', () => new S3AssetStore({ endpoint: s3.endpoint, bucket: 'talemo', ...s3.credentials })],
  ];

  for (const [name, make] of stores) {
    it(`${name}: stores once under the tenant, reads back, and keeps tenants apart`, async () => {
      const store = make();
      const tenant = randomUUID();
      const stranger = randomUUID();
      const data = Buffer.from(`audio ${randomUUID()}`);
      const hash = sha(data);
      expect(await store.has(tenant, hash)).toBe(false);
      expect(await store.get(tenant, hash)).toBeNull();
      await store.put(tenant, hash, data);
      await store.put(tenant, hash, data);
      expect(await store.has(tenant, hash)).toBe(true);
      expect((await store.get(tenant, hash))?.equals(data)).toBe(true);
      expect(await store.get(stranger, hash)).toBeNull();
      await expect(store.get('../etc', hash)).rejects.toThrow(AssetStoreError);
      await expect(store.get(tenant, '../../passwd')).rejects.toThrow(/SHA-256/);
    });
  }

  it('filesystem: leaves no temporary file behind, under <tenant>/<aa>/<hash>', async () => {
    const store = new FilesystemAssetStore(root);
    const tenant = randomUUID();
    const data = Buffer.from('x'.repeat(1000));
    await Promise.all([1, 2, 3].map(() => store.put(tenant, sha(data), data)));
    expect(readdirSync(path.join(root, tenant, sha(data).slice(0, 2)))).toEqual([sha(data)]);
  });

  it('S3: objects sit under the prefix, and a wrong secret is refused by the store', async () => {
    const tenant = randomUUID();
    const data = Buffer.from('hello');
    await new S3AssetStore({ endpoint: s3.endpoint, bucket: 'b', ...s3.credentials }).put(
      tenant,
      sha(data),
      data,
    );
    expect(s3.objects.has(`b/assets/${tenant}/${sha(data).slice(0, 2)}/${sha(data)}`)).toBe(true);
    const wrong = new S3AssetStore({
      endpoint: s3.endpoint,
      bucket: 'b',
      ...s3.credentials,
      secretAccessKey: 'nope',
    });
    const before = s3.refused;
    await expect(wrong.has(tenant, sha(data))).rejects.toThrow(/refused/);
    expect(s3.refused).toBe(before + 1);
  });

  it('picks the store from the environment, and names missing S3 settings', () => {
    expect(assetStoreFromEnv({}, root)).toBeInstanceOf(FilesystemAssetStore);
    expect(() => assetStoreFromEnv({ CLOUD_S3_BUCKET: 'b' }, root)).toThrow(AssetStoreConfigError);
    expect(() => assetStoreFromEnv({ CLOUD_S3_BUCKET: 'b' }, root)).toThrow(/CLOUD_S3_ENDPOINT/);
    expect(
      assetStoreFromEnv(
        {
          CLOUD_S3_ENDPOINT: s3.endpoint,
          CLOUD_S3_BUCKET: 'b',
          CLOUD_S3_ACCESS_KEY_ID: 'k',
          CLOUD_S3_SECRET_ACCESS_KEY: 's',
        },
        root,
      ),
    ).toBeInstanceOf(S3AssetStore);
  });
});
