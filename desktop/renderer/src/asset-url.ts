/**
 * Assets (pictures, sounds) come through the contract as bytes; the page shows them through
 * blob: URLs, the only kind the Content-Security-Policy lets in besides the app's own files.
 * Pictures are small and shown again and again, so their URLs are kept for the session;
 * sounds can be large, so each is fetched when asked for and released when its player goes.
 */
import { useEffect, useState } from 'react';

import type { TalemoClient } from '../../api/contract';
import { useClient } from './client-context';

const pictureCache = new WeakMap<TalemoClient, Map<string, Promise<string>>>();

export async function assetBlobUrl(client: TalemoClient, hash: string): Promise<string> {
  const { mime, data } = await client.call('assets.read', { hash });
  return URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
}

function cachedPictureUrl(client: TalemoClient, hash: string): Promise<string> {
  let cache = pictureCache.get(client);
  if (!cache) pictureCache.set(client, (cache = new Map()));
  let url = cache.get(hash);
  if (!url) {
    url = assetBlobUrl(client, hash);
    // Why: a failed read (a missing file) may succeed later, after a re-import.
    url.catch(() => cache.delete(hash));
    cache.set(hash, url);
  }
  return url;
}

/** A blob: URL for a picture in the asset store, or null while it loads (or when there is none). */
export function usePictureUrl(hash: string | null | undefined): string | null {
  const client = useClient();
  const [loaded, setLoaded] = useState<{ hash: string; url: string } | null>(null);
  useEffect(() => {
    if (!hash) return;
    let live = true;
    cachedPictureUrl(client, hash).then(
      (url) => {
        if (live) setLoaded({ hash, url });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, hash]);
  return hash && loaded?.hash === hash ? loaded.url : null;
}
