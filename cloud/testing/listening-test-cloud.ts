/**
 * The real cloud server (fastify on a fresh PGlite database) listening on a free loopback
 * port, for tests where a desktop core or a browser talks to it over HTTP.
 */
import type { AddressInfo } from 'node:net';

import type { FastifyInstance } from 'fastify';

import { createTestApp } from './test-app';
import { openPgliteTestDatabase } from './test-databases';

export interface ListeningTestCloud {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startListeningTestCloud(): Promise<ListeningTestCloud> {
  const database = await openPgliteTestDatabase();
  const app = await createTestApp(database.db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    app,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
