/**
 * One HTTP(S) GET with redirects followed by hand, on node:http/https. Hugging Face answers a
 * `resolve/` URL with a redirect to its CDN, and the Range header must survive that hop, which
 * is why this does not lean on a library's defaults.
 */
import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';

export const MAX_REDIRECTS = 5;

export interface HttpGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Idle time on the socket, while connecting or between body chunks, before giving up. */
  idleTimeoutMs: number;
}

export interface HttpGetResult {
  response: IncomingMessage;
  /** The URL that finally answered, after redirects. */
  url: string;
}

/** Thrown for a redirect loop, a redirect to plain http from https, or a redirect without Location. */
export class RedirectError extends Error {
  override readonly name = 'RedirectError';
}

function requestOnce(url: URL, options: HttpGetOptions): Promise<IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.get(url, { headers: options.headers, signal: options.signal }, resolve);
    request.setTimeout(options.idleTimeoutMs, () => {
      request.destroy(
        new Error(`no data from ${url.host} for ${Math.round(options.idleTimeoutMs / 1000)} s`),
      );
    });
    request.on('error', reject);
  });
}

/**
 * Resolves with the first non-redirect response; its body is not read. The caller owns the
 * response and must consume or destroy it.
 */
export async function httpGet(startUrl: string, options: HttpGetOptions): Promise<HttpGetResult> {
  let url = new URL(startUrl);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new RedirectError(`cannot download from ${url.protocol} addresses`);
    }
    const response = await requestOnce(url, options);
    const status = response.statusCode ?? 0;
    if (status < 300 || status >= 400 || status === 304) {
      return { response, url: url.toString() };
    }
    response.resume();
    const location = response.headers.location;
    if (!location) {
      throw new RedirectError(`${url.host} answered ${status} without saying where to go`);
    }
    if (hop >= MAX_REDIRECTS) {
      throw new RedirectError(`${new URL(startUrl).host} redirected more than ${MAX_REDIRECTS} times`);
    }
    const next = new URL(location, url);
    // A secure download must not be downgraded to plain http by a redirect.
    if (url.protocol === 'https:' && next.protocol !== 'https:') {
      throw new RedirectError(`${url.host} redirected to an insecure address (${next.protocol})`);
    }
    url = next;
  }
}
