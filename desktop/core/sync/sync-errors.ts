// Why a sync round stopped. Offline is expected (no network, the server is down): the client
// waits and retries. An HTTP error needs someone to act (sign in again, a server problem) and
// carries the server's own sentence.

export class SyncOfflineError extends Error {
  constructor(cause: unknown) {
    super(
      `The sync server cannot be reached (${cause instanceof Error ? cause.message : String(cause)}); changes wait on this computer until it can.`,
      { cause },
    );
    this.name = 'SyncOfflineError';
  }
}

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly serverCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

/** A change the caller handed to enqueue() that cannot be sent as it is. */
export class InvalidSyncChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSyncChangeError';
  }
}
