// Assembles the fastify application from ready services: logging, error handling, the route
// declaration check, OpenAPI, rate limits, then every domain plugin. No I/O happens here.
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import { installErrorHandler } from './error-handler.js';
import { inWords, TooManyRequestsError } from './http-errors.js';
import { loggerOptions } from './logger.js';
import { DOMAINS, type Domain } from './domains.js';
import { checkRouteDeclarations } from './route.js';
import type { CloudServices } from './services.js';
import { zodValidatorCompiler } from './zod-schemas.js';

export const SERVICE_VERSION = '0.1.0';

export interface BuildOptions {
  /** JSON log lines go here instead of stdout (tests read them back). */
  logStream?: Writable;
  /** Domains to mount; all of DOMAINS by default. Tests may add one. */
  domains?: Domain[];
}

export async function buildApp(
  services: CloudServices,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: loggerOptions({
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
    }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    exposeHeadRoutes: false,
    // Idle keep-alive sockets close at once on shutdown; requests in flight still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.decorate('cloud', services);
  app.setValidatorCompiler(zodValidatorCompiler);
  installErrorHandler(app, config.bodyLimitBytes);
  checkRouteDeclarations(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Talemo cloud',
        version: SERVICE_VERSION,
        description:
          'Optional sync service for Talemo: accounts, tenants (a family or a school), profiles, policies, stories.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });

  if (config.rateLimit) {
    const limit = config.rateLimit;
    await app.register(rateLimit, {
      global: true,
      max: limit.max,
      timeWindow: limit.windowSeconds * 1000,
      errorResponseBuilder: (_request, context) =>
        new TooManyRequestsError(
          `Too many requests; try again in ${inWords(context.ttl / 1000)}.`,
          Math.ceil(context.ttl / 1000),
        ),
    });
  }

  // Graceful close: responses still in flight when close() starts tell the client to drop the
  // connection, or a keep-alive socket would hold the close open until its timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });

  for (const domain of options.domains ?? DOMAINS) {
    await app.register(domain.plugin, { prefix: domain.prefix });
  }
  return app;
}
