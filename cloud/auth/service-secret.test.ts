import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateServiceSecret, ServiceSecret, ServiceSecretError } from './service-secret.js';

describe('service secret', () => {
  it('is generated once into the data folder, readable by its owner only, and reused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'talemo-secret-'));
    const [a, b] = await Promise.all([loadOrCreateServiceSecret(dir), loadOrCreateServiceSecret(dir)]);
    const c = await loadOrCreateServiceSecret(dir);
    const file = path.join(dir, 'secrets', 'service-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64url')).toHaveLength(32);
    expect(Buffer.from(b.key('access-token'))).toEqual(Buffer.from(a.key('access-token')));
    expect(Buffer.from(c.key('access-token'))).toEqual(Buffer.from(a.key('access-token')));
  });

  it('derives a different key per purpose and never serialises itself', () => {
    const s = ServiceSecret.generate();
    expect(Buffer.from(s.key('access-token'))).not.toEqual(Buffer.from(s.key('invitation-token')));
    expect(JSON.stringify({ s })).toBe('{"s":"[service secret]"}');
    expect(s.pseudonym('lockout-key', 'a@b.c')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a short CLOUD_SECRET with a message saying what it needs', () => {
    expect(() => ServiceSecret.fromBase64Url('c2hvcnQ')).toThrow(ServiceSecretError);
    expect(() => ServiceSecret.fromBase64Url('c2hvcnQ')).toThrow(/at least 32 random bytes/);
  });
});
