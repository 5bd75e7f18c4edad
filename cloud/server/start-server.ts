// Starts the service: services, app, listen. What `npm run cloud` runs (via bin/cloud.ts).
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from './build-app.js';
import type { CloudConfig } from './config.js';
import { createServices, type ServiceOverrides } from './services-factory.js';

export interface RunningServer {
  app: FastifyInstance;
  /** http://host:port actually bound (PORT=0 picks a free port). */
  url: string;
  /** Stops accepting, waits for requests in flight, closes the database. */
  close(): Promise<void>;
}

export async function startServer(
  config: CloudConfig,
  overrides: ServiceOverrides = {},
  build: BuildOptions = {},
): Promise<RunningServer> {
  const services = await createServices(config, overrides);
  let app: FastifyInstance;
  try {
    app = await buildApp(services, build);
  } catch (error) {
    await services.db.close();
    throw error;
  }
  const url = await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { engine: services.db.engine, dataDir: services.db.engine === 'pglite' ? config.dataDir : undefined },
    `listening on ${url}`,
  );
  return {
    app,
    url,
    close: async () => {
      await app.close(); // stops accepting, waits for requests in flight
      await services.db.close();
    },
  };
}
