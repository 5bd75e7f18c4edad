/**
 * The server address a parent types (`teddycloud.local`, `192.168.1.20:8080`,
 * `https://box.example/teddycloud/`) as a base URL, and TeddyCloud's endpoints under it.
 */
import { TeddyCloudError } from './teddycloud-error';

export function teddyCloudUrl(server: string): URL {
  const text = server.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TeddyCloudError(
      'bad-url',
      `"${server}" is not a server address (like http://teddycloud.local).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TeddyCloudError('bad-url', `"${server}" is not an http or https address.`);
  // A base ending in `/` keeps a reverse proxy's sub-path when endpoints are resolved under it.
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url;
}

/** `endpoint` under `base`, with `query` percent-encoded. */
export function endpointUrl(base: URL, endpoint: string, query: Record<string, string>): URL {
  const url = new URL(endpoint.replace(/^\//, ''), base);
  // Why encodeURIComponent and not URLSearchParams: TeddyCloud decodes %XX but not `+`
  // (src/server_helpers.c `urldecode`).
  url.search = Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return url;
}
