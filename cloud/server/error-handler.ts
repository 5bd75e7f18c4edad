// Every error leaves as {error: <stable code>, message: <sentence a parent can read>} with the
// right status. Unexpected errors are logged (scrubbed, see logger.ts) and answered with a
// generic 500 that says nothing about the database.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DatabaseClosedError } from '../db/database.js';
import { pgErrorCode } from '../db/pg-errors.js';
import { HttpError } from './http-errors.js';

function fastifyErrorBody(
  error: FastifyError,
  bodyLimit: number,
): { status: number; error: string; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        error: 'payload_too_large',
        message: `The request body is larger than the ${bodyLimit} bytes this server accepts.`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        error: 'unsupported_media_type',
        message: 'Send the request body as application/json.',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, error: 'invalid_json', message: 'The request body is not valid JSON.' };
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return { status: error.statusCode, error: 'invalid_request', message: error.message };
      }
      return undefined;
  }
}

export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      return reply
        .headers(error.headers)
        .code(error.statusCode)
        .send({ error: error.code, message: error.message });
    }
    // Row-level security refused a write: to the caller that row does not exist.
    if (pgErrorCode(error) === '42501') {
      return reply.code(404).send({ error: 'not_found', message: 'Not found.' });
    }
    if (error instanceof DatabaseClosedError) {
      return reply
        .code(503)
        .send({ error: 'shutting_down', message: 'The service is restarting; try again in a moment.' });
    }
    const known = fastifyErrorBody(error, bodyLimit);
    if (known) return reply.code(known.status).send({ error: known.error, message: known.message });
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send({ error: 'internal_error', message: 'Something went wrong on the server; please try again.' });
  });

  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: 'There is no such route.' });
  });
}
