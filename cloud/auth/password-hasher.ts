// Passwords are hashed with argon2id (hash-wasm, RFC 9106). Defaults are OWASP's first
// recommended configuration (Password Storage Cheat Sheet): 19 MiB of memory, 2 passes, 1 lane,
// 16-byte salt, 32-byte hash. The encoded hash carries its own parameters, so raising them later
// keeps old hashes verifiable.
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export interface Argon2Params {
  /** KiB of memory per hash. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export const DEFAULT_ARGON2: Argon2Params = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

export class PasswordHasher {
  #dummy: Promise<string> | undefined;

  constructor(readonly params: Argon2Params = DEFAULT_ARGON2) {}

  hash(password: string): Promise<string> {
    return argon2id({
      password,
      salt: randomBytes(16),
      memorySize: this.params.memoryKiB,
      iterations: this.params.iterations,
      parallelism: this.params.parallelism,
      hashLength: 32,
      outputType: 'encoded',
    });
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    try {
      return await argon2Verify({ password, hash: encoded });
    } catch {
      return false; // a malformed stored hash never matches
    }
  }

  /**
   * Spends the same effort as a real check when there is no account (or no password) to check,
   * so response time does not tell whether an email is registered.
   */
  async verifyNothing(password: string): Promise<false> {
    this.#dummy ??= this.hash('talemo-dummy-password');
    await this.verify(password, await this.#dummy);
    return false;
  }
}
