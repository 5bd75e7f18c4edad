// SIGTERM / SIGINT: stop accepting connections, let requests in flight finish, close the
// database, exit 0. A second signal, or a shutdown that takes too long, exits at once with 1.
export interface Closable {
  close(): Promise<void>;
}

export interface ShutdownLog {
  info(message: string): void;
  error(message: string): void;
}

export function installGracefulShutdown(
  server: Closable,
  log: ShutdownLog,
  exit: (code: number) => void = (code) => process.exit(code),
  timeoutMs = 15_000,
): () => void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      log.error(`${signal} again: exiting without waiting.`);
      exit(1);
      return;
    }
    closing = true;
    log.info(`${signal}: finishing requests in flight, then stopping.`);
    const timer = setTimeout(() => {
      log.error(`Shutdown took longer than ${timeoutMs} ms; exiting.`);
      exit(1);
    }, timeoutMs);
    timer.unref();
    server.close().then(
      () => {
        clearTimeout(timer);
        log.info('Stopped.');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        log.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
