// Why a sync round stopped. Offline is expected (no network, the server is down): the client
// waits and retries. An HTTP error needs someone to act (sign in again, a server problem) and
// carries the server's own sentence.
import { TalemoError } from '../errors.js';

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

/** What the status says once a refresh token is refused (expired, revoked, reused, membership ended). */
export const SIGN_IN_EXPIRED_MESSAGE = 'Your sign-in expired: sign in again to keep syncing';

/**
 * Signing in, signing up or reaching the account failed: wrong password, a locked email, a server
 * that cannot be reached. Carries the server's own sentence when it gave one.
 */
export class SyncAccountError extends TalemoError {
  constructor(
    readonly status: number,
    readonly serverCode: string,
    message: string,
  ) {
    super([401, 403, 423, 429].includes(status) ? 'unauthorized' : 'invalid-input', message, {
      status,
      serverCode,
    });
    this.name = 'SyncAccountError';
  }
}

/** The server refused the refresh token: this computer is signed out and must sign in again. */
export class SyncSignInExpiredError extends Error {
  constructor(readonly serverCode: string) {
    super(SIGN_IN_EXPIRED_MESSAGE);
    this.name = 'SyncSignInExpiredError';
  }
}

/** A call that needs a signed-in account was made while signed out. */
export class SyncNotSignedInError extends TalemoError {
  constructor() {
    super('unauthorized', 'Sign in to a Talemo cloud account to sync this library.');
    this.name = 'SyncNotSignedInError';
  }
}

/** A family-cloud call (members, invitations, export, erase) made while signed out. */
export class FamilyNotSignedInError extends TalemoError {
  constructor() {
    super('unauthorized', 'Sign in to your family’s cloud account first: this needs the cloud.');
    this.name = 'FamilyNotSignedInError';
  }
}

/**
 * Erasing the family's cloud data was asked with a name that is not the family's: nothing was
 * erased. The typed name is the parent's proof they mean THIS family, so it must match.
 */
export class FamilyNameMismatchError extends TalemoError {
  constructor(expected: string) {
    super(
      'invalid-input',
      `Nothing was erased: the name typed is not the family’s name. Type “${expected}” exactly to erase its cloud data.`,
    );
    this.name = 'FamilyNameMismatchError';
  }
}
