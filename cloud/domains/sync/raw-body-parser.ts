// Asset uploads arrive as raw bytes (application/octet-stream), far larger than the JSON body
// limit. This parser, registered only inside the sync plugin, reads them into a Buffer and stops
// at the asset limit with a 413 that names that limit (not the JSON one).
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../../server/http-errors.js';

export class AssetTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(
      413,
      'asset_too_large',
      `This file is larger than the ${limitBytes} bytes the server accepts for one asset.`,
    );
  }
}

export function acceptRawBodies(app: FastifyInstance, limitBytes: number): void {
  app.addContentTypeParser('application/octet-stream', (request, payload, done) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      done(new AssetTooLargeError(limitBytes), undefined);
      payload.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    payload.on('data', (chunk: Buffer) => {
      if (finished) return;
      size += chunk.length;
      if (size > limitBytes) {
        finished = true;
        done(new AssetTooLargeError(limitBytes), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (finished) return;
      finished = true;
      done(null, Buffer.concat(chunks));
    });
    payload.on('error', (error) => {
      if (finished) return;
      finished = true;
      done(error, undefined);
    });
  });
}
