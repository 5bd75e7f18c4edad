/**
 * What a folder of a TeddyCloud server's library holds, as its file browser reads it:
 * `GET /api/fileIndexV2?path=<folder>&special=library` (teddycloud src/handler_api.c
 * `handleApiFileIndexV2`). The reply is parsed with zod at this edge.
 */
import { z } from 'zod';

import { TeddyCloudError } from './teddycloud-error';
import { sendRequest, type TeddyCloudTimeouts } from './teddycloud-http';
import { endpointUrl, teddyCloudUrl } from './teddycloud-url';

const LibraryEntry = z.object({
  name: z.string(),
  size: z.number(),
  isDir: z.boolean(),
  date: z.number().optional(),
  tafHeader: z
    .object({
      audioId: z.number(),
      sha1Hash: z.string(),
      size: z.number(),
      valid: z.boolean(),
      trackSeconds: z.array(z.number()),
    })
    .optional(),
});
const LibraryIndex = z.object({ files: z.array(LibraryEntry) });

export type TeddyCloudLibraryEntry = z.infer<typeof LibraryEntry>;

/** The folder's entries; null when the server has no such listing (404). */
export async function listTeddyCloudLibrary(
  server: string,
  libraryPath = '/',
  options: TeddyCloudTimeouts & { signal?: AbortSignal } = {},
): Promise<TeddyCloudLibraryEntry[] | null> {
  const base = teddyCloudUrl(server);
  const reply = await sendRequest({
    url: endpointUrl(base, '/api/fileIndexV2', { path: libraryPath, special: 'library' }),
    method: 'GET',
    ...options,
  });
  if (reply.status === 404) return null;
  if (reply.status !== 200)
    throw new TeddyCloudError(
      'http',
      `TeddyCloud at ${base.origin} could not list its library folder "${libraryPath}" (HTTP ${reply.status}): ${reply.text.trim().slice(0, 300) || reply.statusText}.`,
      reply.status,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.text);
  } catch {
    throw new TeddyCloudError(
      'http',
      `TeddyCloud at ${base.origin} sent a library listing that is not JSON.`,
    );
  }
  const index = LibraryIndex.safeParse(parsed);
  if (!index.success)
    throw new TeddyCloudError(
      'http',
      `TeddyCloud at ${base.origin} sent a library listing in an unknown shape.`,
    );
  return index.data.files;
}
