// `npm run cloud`: starts the Talemo cloud service with no set-up. Settings come from the
// environment (cloud/README.md); with none it serves on 127.0.0.1:8787 from PGlite in the
// user's data folder.
import { loadConfig } from '../server/config.js';
import { installGracefulShutdown } from '../server/graceful-shutdown.js';
import { startServer } from '../server/start-server.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const server = await startServer(config);
  installGracefulShutdown(server, {
    info: (message) => server.app.log.info(message),
    error: (message) => server.app.log.error(message),
  });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`talemo cloud could not start. ${message}\n`);
  process.exit(1);
});
