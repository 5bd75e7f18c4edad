import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2, PasswordHasher } from './password-hasher.js';

describe('password hashing (argon2id)', () => {
  it('uses OWASP’s parameters by default: 19 MiB, 2 passes, 1 lane, and verifies only the right password', async () => {
    const hasher = new PasswordHasher();
    const encoded = await hasher.hash('correct horse battery staple');
    expect(encoded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(DEFAULT_ARGON2).toEqual({ memoryKiB: 19_456, iterations: 2, parallelism: 1 });
    expect(await hasher.verify('correct horse battery staple', encoded)).toBe(true);
    expect(await hasher.verify('Correct horse battery staple', encoded)).toBe(false);
  });

  it('salts every hash, and keeps verifying hashes made with other parameters', async () => {
    const cheap = new PasswordHasher({ memoryKiB: 64, iterations: 1, parallelism: 1 });
    const [a, b] = [await cheap.hash('same words'), await cheap.hash('same words')];
    expect(a).not.toBe(b);
    expect(await new PasswordHasher().verify('same words', a)).toBe(true);
  });

  it('treats a damaged stored hash as a mismatch, and spends effort even with no hash', async () => {
    const hasher = new PasswordHasher({ memoryKiB: 64, iterations: 1, parallelism: 1 });
    expect(await hasher.verify('x', 'not-a-hash')).toBe(false);
    expect(await hasher.verifyNothing('anything')).toBe(false);
  });
});
