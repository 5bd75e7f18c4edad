/**
 * Puts a Tonie audio file in a TeddyCloud server's library, where its web page can assign it
 * to a tag. The API, read in TeddyCloud's source (`toniebox-reverse-engineering/teddycloud`,
 * commit 5a99efe, Feb 2026):
 *
 * - `POST /api/tafUpload?name=<file>&path=<folder>&special=library` (src/server.c route table;
 *   src/handler_api.c `handleApiTafUpload`, added in tc_v0.6.5): a multipart/form-data body
 *   whose part carries `filename="<file>"` (the server saves under the part's filename and
 *   then checks `path/name` with `isValidTaf`, hash and size included, so both must be the
 *   same); the field name is not read (src/server_helpers.c `multipart_handle`); the web UI
 *   sends `file` (teddycloud_web src/components/tonies/encoder/hooks/useEncoder.ts). Replies
 *   `text/plain`: 200 `OK`; 500 `TAF validation failed` (file deleted), `invalid path: '…'`
 *   (the folder does not exist) or `Upload failed`. Query values are percent-decoded, `+` is not.
 * - `POST /api/fileUpload?path=<folder>&special=library` (since 2023): the same body, saved
 *   with no check. Used when an older server answers 404 to `/api/tafUpload`.
 * - `GET /api/fileIndexV2?path=<folder>&special=library`: `{files:[{name, size, isDir,
 *   tafHeader?:{audioId, sha1Hash (lower hex), size, valid, trackSeconds}}]}`; used to
 *   confirm that the server holds what we sent.
 *
 * TeddyCloud can also encode (`/api/pcmUpload`: raw 48 kHz stereo PCM per part; `/api/fileEncode`:
 * files already on the server, through ffmpeg). We encode locally instead (encodeTaf, checked
 * against TeddyCloud's own validator), so the server only stores a file we already verified.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';

import { tafFitness } from '../../formats/taf/taf-fitness';
import type { TafReport } from '../../formats/taf/taf-inspect';
import { TeddyCloudError } from './teddycloud-error';
import { sendRequest, writeChunk, type HttpReply, type TeddyCloudTimeouts } from './teddycloud-http';
import { listTeddyCloudLibrary } from './teddycloud-library';
import { endpointUrl, teddyCloudUrl } from './teddycloud-url';

export type TeddyCloudUploadEndpoint = '/api/tafUpload' | '/api/fileUpload';

export interface TeddyCloudUploadOptions extends TeddyCloudTimeouts {
  /** Folder in the server's library, which must exist there. Default: the library's top. */
  libraryPath?: string;
  /** Name in the library. Default: the file's own name, with `.taf` added if it lacks it. */
  name?: string;
  signal?: AbortSignal;
  /** Bytes of the file sent so far, of its size. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

export interface TeddyCloudUploadResult {
  server: string;
  endpoint: TeddyCloudUploadEndpoint;
  name: string;
  libraryPath: string;
  bytes: number;
  audioId: number;
  sha1: string;
  /** True when the server checked the file itself (`/api/tafUpload`) before keeping it. */
  serverValidated: boolean;
  /** The library lists the file with our SHA-1; null when the server offers no listing. */
  confirmed: boolean | null;
  /** What the server said. */
  reply: string;
}

export async function uploadTafToTeddyCloud(
  server: string,
  tafPath: string,
  options: TeddyCloudUploadOptions = {},
): Promise<TeddyCloudUploadResult> {
  const base = teddyCloudUrl(server);
  const report = await checkedTaf(tafPath);
  const name = libraryName(options.name ?? basename(tafPath));
  const libraryPath = options.libraryPath ?? '/';
  let endpoint: TeddyCloudUploadEndpoint = '/api/tafUpload';
  let reply = await postFile(
    base,
    endpoint,
    { name, path: libraryPath, special: 'library' },
    tafPath,
    report,
    options,
  );
  if (reply.status === 404) {
    endpoint = '/api/fileUpload';
    reply = await postFile(
      base,
      endpoint,
      { path: libraryPath, special: 'library' },
      tafPath,
      report,
      options,
    );
  }
  if (reply.status !== 200) throw refused(base, reply, name);
  const confirmed = await confirmListed(base, libraryPath, name, report, options);
  if (confirmed === false)
    throw new TeddyCloudError(
      'http',
      `TeddyCloud at ${base.origin} said OK, but its library does not list ${name} with the audio sent. Try the upload again.`,
    );
  return {
    server: base.origin,
    endpoint,
    name,
    libraryPath,
    bytes: report.fileBytes,
    audioId: report.audioId,
    sha1: report.sha1,
    serverValidated: endpoint === '/api/tafUpload',
    confirmed,
    reply: reply.text.trim(),
  };
}

async function checkedTaf(tafPath: string): Promise<TafReport> {
  const fitness = await tafFitness(tafPath, 'so it was not sent');
  if (!fitness.ok) throw new TeddyCloudError('bad-taf', fitness.message);
  return fitness.report;
}

/** TeddyCloud reads the part's filename up to the next `"` and refuses path separators. */
function libraryName(raw: string): string {
  const name = /\.taf$/i.test(raw) ? raw : `${raw}.taf`;
  // eslint-disable-next-line no-control-regex
  if (/["/\\\u0000-\u001f]/.test(name) || name.startsWith('.'))
    throw new TeddyCloudError(
      'bad-url',
      `"${raw}" cannot be a file name in the library (no quotes, slashes or leading dot).`,
    );
  return name;
}

async function postFile(
  base: URL,
  endpoint: TeddyCloudUploadEndpoint,
  query: Record<string, string>,
  tafPath: string,
  report: TafReport,
  options: TeddyCloudUploadOptions,
): Promise<HttpReply> {
  const name = query.name ?? libraryName(options.name ?? basename(tafPath));
  const boundary = `----talemo${randomBytes(12).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  const tail = `\r\n--${boundary}--\r\n`;
  const total = report.fileBytes;
  return sendRequest({
    url: endpointUrl(base, endpoint, query),
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': Buffer.byteLength(head) + total + Buffer.byteLength(tail),
    },
    body: async (request) => {
      await writeChunk(request, head);
      let sent = 0;
      for await (const chunk of createReadStream(tafPath, { highWaterMark: 256 * 1024 })) {
        await writeChunk(request, chunk as Buffer);
        sent += (chunk as Buffer).length;
        options.onProgress?.(sent, total);
      }
      await writeChunk(request, tail);
    },
    ...timeoutsAndSignal(options),
  });
}

async function confirmListed(
  base: URL,
  libraryPath: string,
  name: string,
  report: TafReport,
  options: TeddyCloudUploadOptions,
): Promise<boolean | null> {
  const listing = await listTeddyCloudLibrary(base.href, libraryPath, timeoutsAndSignal(options));
  if (listing === null) return null;
  const entry = listing.find((file) => file.name === name);
  return entry?.tafHeader?.sha1Hash === report.sha1 && entry.size === report.fileBytes;
}

function refused(base: URL, reply: HttpReply, name: string): TeddyCloudError {
  const said = reply.text.trim().slice(0, 300) || reply.statusText;
  if (reply.status === 401 || reply.status === 403)
    return new TeddyCloudError(
      'unauthorized',
      `${base.origin} wants a login (HTTP ${reply.status}): give it in the address, http://user:password@host/.`,
      reply.status,
    );
  const hint = /invalid path/i.test(said)
    ? " Create that folder in TeddyCloud's library first, or leave out the folder."
    : /validation/i.test(said)
      ? ' TeddyCloud found the file damaged on arrival; send it again.'
      : '';
  return new TeddyCloudError(
    'http',
    `TeddyCloud at ${base.origin} refused ${name} (HTTP ${reply.status}): ${said}.${hint}`,
    reply.status,
  );
}

function timeoutsAndSignal(options: TeddyCloudUploadOptions): TeddyCloudTimeouts & { signal?: AbortSignal } {
  return {
    ...(options.connectMs === undefined ? {} : { connectMs: options.connectMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
