// The sync client's calls to the cloud, over fetch with a bearer token. A request that
// cannot reach the server (refused, reset, timed out) becomes SyncOfflineError; an answer with an
// error status becomes SyncHttpError carrying the server's own sentence.
import { SyncHttpError, SyncOfflineError, SyncSignInExpiredError } from './sync-errors.js';
import type { ChangeResult, PullPage, WireChange } from './sync-wire.js';

export interface SyncHttpOptions {
  /** e.g. https://cloud.talemo.example */
  baseUrl: string;
  /** A current access token (the caller refreshes it when needed). */
  token: () => string | Promise<string>;
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
}

export class SyncHttp {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: SyncHttpOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  private async send(
    method: string,
    path: string,
    body?: { json: unknown } | { raw: Buffer },
  ): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.options.token()}` };
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'application/octet-stream';
      payload = new Uint8Array(body.raw);
    }
    let res: Response;
    try {
      res = await this.fetch(new URL(path, this.options.baseUrl), {
        method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
    } catch (error) {
      // A renewal inside fetch (a 401 retried) failed: already the right error.
      if (error instanceof SyncOfflineError || error instanceof SyncSignInExpiredError) throw error;
      throw new SyncOfflineError(error);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      let parsed: { error?: string; message?: string } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        // not JSON: a proxy's page; keep the status only
      }
      throw new SyncHttpError(
        res.status,
        parsed.error ?? 'http_error',
        parsed.message ?? `The sync server answered ${res.status} to ${method} ${path}.`,
      );
    }
    return res;
  }

  async push(deviceId: string, changes: WireChange[]): Promise<ChangeResult[]> {
    const res = await this.send('POST', '/sync/push', { json: { deviceId, changes } });
    return ((await res.json()) as { results: ChangeResult[] }).results;
  }

  async pull(cursor: number, limit = 200): Promise<PullPage> {
    const res = await this.send('GET', `/sync/pull?cursor=${cursor}&limit=${limit}`);
    return (await res.json()) as PullPage;
  }

  async missingAssets(hashes: string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const res = await this.send('POST', '/sync/assets/missing', { json: { hashes } });
    return ((await res.json()) as { missing: string[] }).missing;
  }

  async uploadAsset(sha256: string, data: Buffer): Promise<void> {
    await this.send('PUT', `/sync/assets/${sha256}`, { raw: data });
  }

  async downloadAsset(sha256: string): Promise<Buffer> {
    const res = await this.send('GET', `/sync/assets/${sha256}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
