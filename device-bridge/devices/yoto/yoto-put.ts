/**
 * The PUT of an audio file to the signed upload URL Yoto hands out
 * (https://yoto.dev/myo/uploading-to-cards step 2: `PUT <uploadUrl>` with the raw bytes and a
 * Content-Type matching the file).
 *
 * Why node:http and not fetch: we want progress by bytes actually written to the socket, and
 * a fixed Content-Length (fetch with a streamed body sends chunked encoding, which signed
 * storage URLs usually refuse). The deadline is an idle timeout, so a big file on a slow line
 * is fine as long as bytes keep moving.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { errorFromResponse, networkError } from './yoto-http.js';

export interface PutOptions {
  contentType: string;
  signal?: AbortSignal;
  /** No byte moving for this long fails the PUT as a timeout. */
  idleTimeoutMs: number;
  /** Called as bytes are handed to the socket, with the running total. */
  onBytes?: (sent: number) => void;
}

export type PutFunction = (url: string, bytes: Uint8Array, options: PutOptions) => Promise<void>;

const CHUNK = 64 * 1024;

export const putWithProgress: PutFunction = (url, bytes, options) =>
  new Promise<void>((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let timedOut = false;
    const fail = (error: unknown): void => {
      reject(networkError(error, options.signal, timedOut ? AbortSignal.abort() : undefined, url));
    };
    const request = send(target, {
      method: 'PUT',
      headers: { 'Content-Type': options.contentType, 'Content-Length': String(bytes.length) },
      signal: options.signal,
    });
    request.setTimeout(options.idleTimeoutMs, () => {
      timedOut = true;
      request.destroy(new Error('idle timeout'));
    });
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('error', fail);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(errorFromResponse(status, Buffer.concat(parts).toString('utf8'), 'the audio upload'));
      });
    });
    writeInChunks(request, bytes, options.onBytes);
  });

/** Writes chunk by chunk, waiting for 'drain', so progress follows the socket, not our memory. */
function writeInChunks(
  request: ReturnType<typeof httpRequest>,
  bytes: Uint8Array,
  onBytes?: (sent: number) => void,
): void {
  let offset = 0;
  const next = (): void => {
    while (offset < bytes.length) {
      const end = Math.min(bytes.length, offset + CHUNK);
      const chunk = bytes.subarray(offset, end);
      offset = end;
      const sent = offset;
      const more = request.write(chunk, () => onBytes?.(sent));
      if (!more) {
        request.once('drain', next);
        return;
      }
    }
    request.end();
  };
  next();
}
