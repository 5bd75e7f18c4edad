// JSON logs (pino, through fastify) that hold no personal data: requests are logged as method,
// path (no query string) and id only, never headers, addresses or bodies; known sensitive
// fields are redacted wherever they appear; free text is scrubbed (log-scrubber.ts).
import type { FastifyServerOptions } from 'fastify';
import type { Writable } from 'node:stream';
import { scrubText, scrubValue } from './log-scrubber.js';

const SENSITIVE = [
  'authorization',
  'cookie',
  'password',
  'email',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'body',
];

export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((key) => `*.${key}`),
  ...SENSITIVE.map((key) => `*.*.${key}`),
  'req.headers',
];

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  statusCode?: number;
  stack?: string;
}

function pathOnly(url: string | undefined): string | undefined {
  return url === undefined ? undefined : scrubText(url.split('?')[0] ?? '');
}

export interface LoggerSettings {
  level: string;
  /** Where the JSON lines go; stdout when absent (tests pass a stream to read them back). */
  stream?: Writable;
}

export function loggerOptions(settings: LoggerSettings): FastifyServerOptions['logger'] {
  return {
    level: settings.level,
    ...(settings.stream ? { stream: settings.stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: RequestLike) => ({ id: req.id, method: req.method, path: pathOnly(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: ErrorLike) => ({
        type: err.name,
        code: err.code,
        statusCode: err.statusCode,
        message: scrubText(err.message ?? ''),
        stack: err.stack === undefined ? undefined : scrubText(err.stack),
      }),
    },
    formatters: {
      log: (object: Record<string, unknown>) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      // The message string itself (the first string argument) is scrubbed too.
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? scrubText(a) : a)),
        );
      },
    },
  } as FastifyServerOptions['logger'];
}
