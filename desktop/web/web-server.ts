/**
 * Local web mode: the same core behind a loopback HTTP server, for browsers, for machines
 * without Electron and for end-to-end tests.
 *
 * Why so guarded, on loopback: any web page the user visits can send requests to
 * 127.0.0.1. So the server listens on 127.0.0.1 only, on a random port; every API call
 * needs the per-launch secret token (printed in the address, never stored by the server);
 * the Host header must name this server (stops DNS rebinding) and an Origin, when sent,
 * must be ours (stops cross-site requests).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

import { createDispatcher } from '../api/dispatcher';
import { JOB_HEADER, TOKEN_HEADER, WIRE_CONTENT_TYPE } from '../api/http-client';
import { decodeWire, encodeWire, WireFormatError } from '../api/wire-codec';
import { TalemoCore } from '../core/talemo-core';
import type { ProgressEvent } from '../api/contract';

/** The largest request body: a STUdio pack sent from the browser. */
const MAX_BODY_BYTES = 1024 * 1024 * 1024;

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebServerOptions {
  libraryDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** A neural sentence model folder; the built-in embedder without one. */
  embedModelFolder?: string | undefined;
  /** 0 (the default) picks a free port. */
  port?: number;
  version?: string;
}

export interface WebServer {
  /** The address to open, carrying the token in its fragment: http://127.0.0.1:PORT/#token=… */
  url: string;
  origin: string;
  token: string;
  core: TalemoCore;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const core = await TalemoCore.open(options.libraryDir, {
    modelFolder: options.embedModelFolder,
    backgroundSync: true,
  });
  const dispatcher = createDispatcher(core, { version: options.version ?? '0.0.0', mode: 'web' });
  const token = randomBytes(32).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES });
  let origin = '';

  app.addContentTypeParser(WIRE_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    if (`http://${host}` !== origin && `http://${host}` !== origin.replace('127.0.0.1', 'localhost')) {
      return reply.code(421).type('text/plain').send('Unknown host.');
    }
    const from = request.headers.origin;
    if (from !== undefined && from !== `http://${host}`) {
      return reply.code(403).type('text/plain').send('Requests from other sites are refused.');
    }
    if (request.url.startsWith('/api/') && !tokenMatches(request.headers[TOKEN_HEADER], token)) {
      return reply.code(401).type('text/plain').send('Missing or wrong app token.');
    }
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
  });

  app.post('/api/call/:method', async (request: FastifyRequest<{ Params: { method: string } }>, reply) => {
    let input: unknown;
    try {
      input = decodeWire(request.body as Buffer);
    } catch (error) {
      const message = error instanceof WireFormatError ? error.message : 'unreadable request';
      return sendWire(reply, {
        ok: false,
        error: { code: 'invalid-input', message: `Bad request: ${message}.` },
      });
    }
    const jobId = request.headers[JOB_HEADER];
    const envelope = await dispatcher.dispatch(
      request.params.method,
      input,
      typeof jobId === 'string' && jobId.length <= 100 ? jobId : undefined,
    );
    return sendWire(reply, envelope);
  });

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    reply.raw.write(': connected\n\n');
    const forward = (event: ProgressEvent): void => {
      reply.raw.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    dispatcher.events.on('progress', forward);
    request.raw.on('close', () => dispatcher.events.off('progress', forward));
  });

  app.get('/*', async (request, reply) => serveStatic(rendererDir, request.url, reply));

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    core,
    async close() {
      // Why closeAllConnections: open event streams would otherwise hold close() forever.
      app.server.closeAllConnections();
      await app.close();
      core.close();
    },
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function sendWire(reply: FastifyReply, value: unknown): FastifyReply {
  return reply
    .code(200)
    .type(WIRE_CONTENT_TYPE)
    .send(Buffer.from(encodeWire(value)));
}

async function serveStatic(root: string, url: string, reply: FastifyReply): Promise<FastifyReply> {
  const pathname = decodeURIComponent(url.split(/[?#]/)[0] ?? '/');
  const relative = normalize(pathname === '/' ? '/index.html' : pathname);
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) return reply.code(404).send('Not found.');
  try {
    if (!(await stat(file)).isFile()) return reply.code(404).send('Not found.');
  } catch {
    return reply.code(404).type('text/plain').send('Not found.');
  }
  return reply
    .type(STATIC_TYPES[extname(file)] ?? 'application/octet-stream')
    .header('cache-control', 'no-cache')
    .send(await readFile(file));
}
