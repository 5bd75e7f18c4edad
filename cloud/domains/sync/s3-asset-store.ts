// Asset store on an S3-compatible object store, for servers whose disk should not hold the
// files. Objects are addressed path-style (<endpoint>/<bucket>/<key>), which every S3-compatible
// server accepts; requests are signed with SigV4 (sigv4.ts) and sent with fetch.
import { assetKey, AssetStoreError, type AssetStore } from './asset-store.js';
import { EMPTY_SHA256, signRequest, type S3Credentials } from './sigv4.js';

export interface S3AssetStoreOptions extends S3Credentials {
  /** e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000 */
  endpoint: string;
  bucket: string;
  /** Key prefix inside the bucket; default "assets/". */
  prefix?: string;
  clock?: () => Date;
}

export class S3AssetStore implements AssetStore {
  private readonly prefix: string;
  private readonly clock: () => Date;

  constructor(private readonly options: S3AssetStoreOptions) {
    this.prefix = options.prefix ?? 'assets/';
    this.clock = options.clock ?? (() => new Date());
  }

  private urlOf(tenantId: string, sha256: string): URL {
    const base = this.options.endpoint.replace(/\/+$/, '');
    return new URL(`${base}/${this.options.bucket}/${this.prefix}${assetKey(tenantId, sha256)}`);
  }

  private async send(
    method: string,
    url: URL,
    body?: Buffer,
    payloadSha256 = EMPTY_SHA256,
  ): Promise<Response> {
    const headers = signRequest(this.options, { method, url, payloadSha256, now: this.clock() });
    delete headers.host; // fetch sets it itself, to the same value
    try {
      return await fetch(url, { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
    } catch (error) {
      throw new AssetStoreError(
        `The object store at ${url.origin} did not answer: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  async put(tenantId: string, sha256: string, data: Buffer): Promise<void> {
    if (await this.has(tenantId, sha256)) return;
    // The asset's own hash is the payload hash SigV4 asks for.
    const res = await this.send('PUT', this.urlOf(tenantId, sha256), data, sha256);
    if (!res.ok) throw new AssetStoreError(`The object store refused to store ${sha256} (${res.status}).`);
  }

  async get(tenantId: string, sha256: string): Promise<Buffer | null> {
    const res = await this.send('GET', this.urlOf(tenantId, sha256));
    if (res.status === 404) return null;
    if (!res.ok) throw new AssetStoreError(`The object store refused to read ${sha256} (${res.status}).`);
    return Buffer.from(await res.arrayBuffer());
  }

  async has(tenantId: string, sha256: string): Promise<boolean> {
    const res = await this.send('HEAD', this.urlOf(tenantId, sha256));
    if (res.status === 404) return false;
    if (!res.ok) throw new AssetStoreError(`The object store refused to look up ${sha256} (${res.status}).`);
    return true;
  }
}
