// Lockout after repeated failed sign-ins, per email and per client address, each for a fixed
// time. Counters live in the database (so several instances share them), keyed by an HMAC of
// the email or address. An email is locked whether or not it has an account, so lockout does
// not reveal which emails are registered.
import type { CloudDatabase, Tx } from '../db/database.js';
import type { LockoutPolicy } from '../server/config.js';
import { inWords, LockedError, TooManyRequestsError } from '../server/http-errors.js';
import type { Clock } from './clock.js';
import type { ServiceSecret } from './service-secret.js';

interface Keys {
  email: string;
  address: string;
}

export class LoginLockout {
  constructor(
    private readonly db: CloudDatabase,
    private readonly secret: ServiceSecret,
    private readonly clock: Clock,
    readonly policy: LockoutPolicy,
  ) {}

  private keys(email: string, address: string): Keys {
    return {
      email: this.secret.pseudonym('lockout-key', `email:${email}`),
      address: this.secret.pseudonym('lockout-key', `address:${address}`),
    };
  }

  /** Throws 423 (this email is locked) or 429 (this address is locked) while a lock lasts. */
  async check(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const now = this.clock();
    const locks = await this.db.transaction({}, (tx) =>
      tx.rows<{ key_hash: string; locked_until: Date }>(
        'SELECT key_hash, locked_until FROM login_failures WHERE key_hash IN ($1, $2) AND locked_until > $3',
        [keys.email, keys.address, now],
      ),
    );
    for (const lock of locks) {
      const seconds = Math.ceil((lock.locked_until.getTime() - now.getTime()) / 1000);
      if (lock.key_hash === keys.email) {
        throw new LockedError(
          `Too many failed sign-ins for this account. It is locked for safety; try again in ${inWords(seconds)}.`,
          seconds,
        );
      }
      throw new TooManyRequestsError(
        `Too many failed sign-ins from your network; try again in ${inWords(seconds)}.`,
        seconds,
        'too_many_failed_sign_ins',
      );
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const now = this.clock();
    await this.db.transaction({}, async (tx) => {
      await this.count(tx, keys.email, this.policy.accountMaxFailures, now);
      await this.count(tx, keys.address, this.policy.addressMaxFailures, now);
      // Old counters are worthless; dropping them here keeps the table small without a job.
      await tx.execute(
        'DELETE FROM login_failures WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < $2)',
        [new Date(now.getTime() - 24 * 3600 * 1000), now],
      );
    });
  }

  /** A successful sign-in clears the email's counter (not the address's: one good password from a
   * network does not excuse the guessing done from it). */
  async recordSuccess(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.db.transaction({}, (tx) =>
      tx.execute('DELETE FROM login_failures WHERE key_hash = $1', [keys.email]),
    );
  }

  private async count(tx: Tx, key: string, max: number, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.policy.windowSeconds * 1000);
    const { failures } = await tx.one<{ failures: number }>(
      `INSERT INTO login_failures (key_hash, failures, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (key_hash) DO UPDATE SET
         failures = CASE WHEN login_failures.window_started_at < $3 THEN 1 ELSE login_failures.failures + 1 END,
         window_started_at = CASE WHEN login_failures.window_started_at < $3 THEN $2 ELSE login_failures.window_started_at END
       RETURNING failures`,
      [key, now, windowStart],
    );
    if (failures >= max) {
      await tx.execute(
        'UPDATE login_failures SET failures = 0, window_started_at = $2, locked_until = $3 WHERE key_hash = $1',
        [key, now, new Date(now.getTime() + this.policy.lockSeconds * 1000)],
      );
    }
  }
}
