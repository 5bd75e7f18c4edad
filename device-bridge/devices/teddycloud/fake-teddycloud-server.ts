/**
 * A stand-in for a TeddyCloud server, for tests: a local HTTP server that answers the library
 * endpoints the way TeddyCloud's source does (see teddycloud-upload.ts for the file and
 * function each behaviour comes from), storing uploads in a real folder.
 *
 * - POST /api/tafUpload: saves the multipart part under its filename in `path`, then checks
 *   `path/name` as a TAF (here with our inspector, there with `isValidTaf`): 200 `OK`, or 500
 *   `TAF validation failed` and the file deleted; 500 `invalid path: '…'` for a missing folder.
 * - POST /api/fileUpload: the same, saved without a check.
 * - GET /api/fileIndexV2: the folder's entries, with `tafHeader` for valid TAFs.
 * - Anything else: 404 (TeddyCloud serves unknown paths as static files).
 *
 * `legacy: true` plays a server older than tc_v0.6.5 (no /api/tafUpload); `stall: true` one
 * that takes an upload and never answers.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';

import { inspectTaf } from '../../formats/taf/taf-inspect';

export interface FakeTeddyCloudOptions {
  /** Where the library lives (created if missing). */
  libraryDir: string;
  legacy?: boolean;
  stall?: boolean;
}

export interface FakeTeddyCloudRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The multipart part's `name` and `filename`, for uploads. */
  field?: string;
  filename?: string;
}

export interface FakeTeddyCloud {
  url: string;
  requests: FakeTeddyCloudRequest[];
  close(): Promise<void>;
}

export async function startFakeTeddyCloud(options: FakeTeddyCloudOptions): Promise<FakeTeddyCloud> {
  await mkdir(options.libraryDir, { recursive: true });
  const requests: FakeTeddyCloudRequest[] = [];
  const server = createServer((request, response) => {
    handle(request, response, options, requests).catch((error: unknown) => {
      answer(response, 500, `internal: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: FakeTeddyCloudOptions,
  requests: FakeTeddyCloudRequest[],
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const query = parseQuery(url.search.slice(1));
  const record: FakeTeddyCloudRequest = { method: request.method ?? '', path: url.pathname, query };
  requests.push(record);
  const route = `${request.method} ${url.pathname}`;
  if (route === 'GET /api/fileIndexV2') return listFolder(response, options, query);
  const upload = route === 'POST /api/fileUpload' || (route === 'POST /api/tafUpload' && !options.legacy);
  if (!upload) return answer(response, 404, 'Not Found');

  const body = await readBody(request);
  if (options.stall) return; // never answers
  const folder = libraryFolder(options.libraryDir, query.path ?? '/');
  if (folder === null || !(await isFolder(folder)))
    return answer(response, 500, `invalid path: '${query.path ?? ''}'`);
  const part = firstFilePart(body, request.headers['content-type'] ?? '');
  if (part === null || /[\\/]/.test(part.filename))
    return answer(response, 500, url.pathname === '/api/tafUpload' ? 'Upload failed' : 'OK');
  record.field = part.field;
  record.filename = part.filename;
  await writeFile(join(folder, part.filename), part.data);
  if (url.pathname === '/api/tafUpload') {
    const checked = join(folder, query.name ?? 'unnamed.taf');
    if (!(await isValidTaf(checked))) {
      await rm(checked, { force: true });
      return answer(response, 500, 'TAF validation failed');
    }
  }
  answer(response, 200, 'OK');
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/** TeddyCloud percent-decodes query values and leaves `+` alone. */
function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    if (at < 0) continue;
    query[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
  }
  return query;
}

/** `path` inside the library, or null when it would leave it. */
function libraryFolder(libraryDir: string, path: string): string | null {
  const root = resolve(libraryDir);
  const folder = resolve(root, `.${sep}${path}`);
  return folder === root || folder.startsWith(`${root}${sep}`) ? folder : null;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function firstFilePart(
  body: Buffer,
  contentType: string,
): { field: string; filename: string; data: Buffer } | null {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const start = body.indexOf(delimiter);
  if (start < 0) return null;
  const headersEnd = body.indexOf('\r\n\r\n', start);
  if (headersEnd < 0) return null;
  const headers = body.subarray(start, headersEnd).toString('utf8');
  const field = /\bname="([^"]*)"/.exec(headers)?.[1];
  const filename = /\bfilename="([^"]*)"/.exec(headers)?.[1];
  const end = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
  if (field === undefined || filename === undefined || end < 0) return null;
  return { field, filename, data: body.subarray(headersEnd + 4, end) };
}

async function isValidTaf(path: string): Promise<boolean> {
  try {
    return (await inspectTaf(path)).problems.length === 0;
  } catch {
    return false;
  }
}

async function listFolder(
  response: ServerResponse,
  options: FakeTeddyCloudOptions,
  query: Record<string, string>,
): Promise<void> {
  const folder = libraryFolder(options.libraryDir, query.path ?? '/');
  if (folder === null || !(await isFolder(folder))) return answer(response, 500, 'Failed to open dir');
  const files = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const info = await stat(path);
    const file: Record<string, unknown> = {
      name: entry.name,
      date: Math.floor(info.mtimeMs / 1000),
      size: info.size,
      isDir: entry.isDirectory(),
    };
    if (entry.isFile()) {
      const report = await inspectTaf(path).catch(() => null);
      if (report !== null && report.problems.length === 0)
        file.tafHeader = {
          audioId: report.audioId,
          sha1Hash: report.sha1,
          size: report.payloadLength,
          valid: true,
          trackSeconds: report.chapters.map((chapter) => Math.floor(chapter.startSeconds ?? 0)),
        };
    }
    files.push(file);
  }
  response.writeHead(200, { 'content-type': 'text/json' });
  response.end(JSON.stringify({ files }));
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
