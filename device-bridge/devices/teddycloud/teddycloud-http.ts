/**
 * One HTTP request to a TeddyCloud server, with what `fetch` lacks here: upload progress,
 * a connect timeout separate from an idle timeout (the server checks an uploaded TAF before
 * it answers, which takes a while on a Raspberry Pi), and failures turned into
 * TeddyCloudErrors that say what to check.
 */
import { once } from 'node:events';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { TeddyCloudError } from './teddycloud-error';

/** Most a reply body is read (TeddyCloud's replies are a word or a JSON listing). */
const MAX_REPLY_BYTES = 4 << 20;

export interface TeddyCloudTimeouts {
  /** No connection after this long: unreachable. Default 10 s. */
  connectMs?: number;
  /** Nothing sent or received for this long: timeout. Default 120 s. */
  idleMs?: number;
}

export interface HttpRequest extends TeddyCloudTimeouts {
  url: URL;
  method: 'GET' | 'POST';
  headers?: Record<string, string | number>;
  /** Writes the request body; must respect back-pressure (see `writeChunk`). */
  body?: (request: ClientRequest) => Promise<void>;
  signal?: AbortSignal;
}

export interface HttpReply {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

export async function sendRequest(options: HttpRequest): Promise<HttpReply> {
  const { url } = options;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const request = send(url, {
    method: options.method,
    // A login in the address (`http://user:pass@host`, for a reverse proxy in front of
    // TeddyCloud) becomes Basic authentication: node does that for a URL with credentials.
    headers: { ...options.headers },
  });
  const where = url.origin;
  const failure = new Promise<never>((_, reject) => {
    const connectTimer = setTimeout(
      () =>
        request.destroy(
          new TeddyCloudError(
            'unreachable',
            `No answer from ${where} within ${seconds(options.connectMs ?? 10_000)}: ${checkHint()}`,
          ),
        ),
      options.connectMs ?? 10_000,
    );
    request.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.setTimeout(options.idleMs ?? 120_000, () =>
      request.destroy(
        new TeddyCloudError(
          'timeout',
          `${where} stopped answering for ${seconds(options.idleMs ?? 120_000)}; the upload did not finish.`,
        ),
      ),
    );
    request.on('close', () => clearTimeout(connectTimer));
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(asTeddyCloudError(error, where, options.signal));
    });
  });
  failure.catch(() => {});
  const onAbort = (): void => {
    request.destroy(new TeddyCloudError('cancelled', 'Cancelled; the upload was stopped.'));
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    const response = once(request, 'response') as Promise<[IncomingMessage]>;
    response.catch(() => {});
    const sending = (async () => {
      await options.body?.(request);
      request.end();
    })();
    // Why race the body with the reply: a server may refuse before reading everything.
    sending.catch(() => {});
    const [reply] = await Promise.race([response, failure]);
    return await Promise.race([readReply(reply), failure]);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Writes one chunk, waiting when the socket's buffer is full. */
export async function writeChunk(request: ClientRequest, chunk: Uint8Array | string): Promise<void> {
  if (request.destroyed) throw new Error('request closed');
  if (!request.write(chunk)) await Promise.race([once(request, 'drain'), once(request, 'close')]);
}

async function readReply(reply: IncomingMessage): Promise<HttpReply> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of reply) {
    bytes += (chunk as Buffer).length;
    if (bytes <= MAX_REPLY_BYTES) chunks.push(chunk as Buffer);
  }
  return {
    status: reply.statusCode ?? 0,
    statusText: reply.statusMessage ?? '',
    contentType: String(reply.headers['content-type'] ?? ''),
    text: Buffer.concat(chunks).toString('utf8'),
  };
}

function asTeddyCloudError(error: Error, where: string, signal: AbortSignal | undefined): TeddyCloudError {
  if (error instanceof TeddyCloudError) return error;
  if (signal?.aborted) return new TeddyCloudError('cancelled', 'Cancelled; the upload was stopped.');
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason: Record<string, string> = {
    ECONNREFUSED: 'nothing answers at that address and port',
    ENOTFOUND: 'that host name is unknown',
    EAI_AGAIN: 'that host name could not be looked up',
    EHOSTUNREACH: 'that host cannot be reached on the network',
    ENETUNREACH: 'there is no network route to it',
    ETIMEDOUT: 'the connection timed out',
  };
  if (code in reason)
    return new TeddyCloudError(
      'unreachable',
      `Could not reach TeddyCloud at ${where}: ${reason[code]}. ${checkHint()}`,
      undefined,
      {
        cause: error,
      },
    );
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return new TeddyCloudError(
      'unreachable',
      `TeddyCloud at ${where} closed the connection mid-way (${code}).`,
      undefined,
      {
        cause: error,
      },
    );
  return new TeddyCloudError(
    'unreachable',
    `Could not talk to TeddyCloud at ${where}: ${error.message}`,
    undefined,
    {
      cause: error,
    },
  );
}

function checkHint(): string {
  return 'Is TeddyCloud running, and is the address (and port) the one its web page opens at?';
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
