// One 32-byte service secret, from which every signing and hashing key is derived (HKDF, one
// label per use), so an access token can never pass as an invitation and vice versa. It comes
// from CLOUD_SECRET (base64url) or is generated into CLOUD_DATA_DIR/secrets/ on first start,
// readable by the owner only. It is never logged.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class ServiceSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceSecretError';
  }
}

export type KeyPurpose = 'access-token' | 'invitation-token' | 'lockout-key';

export class ServiceSecret {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    if (secret.length < 32) throw new ServiceSecretError('The service secret must be at least 32 bytes.');
    this.#secret = Buffer.from(secret);
  }

  static generate(): ServiceSecret {
    return new ServiceSecret(randomBytes(32));
  }

  static fromBase64Url(text: string): ServiceSecret {
    const bytes = Buffer.from(text.trim(), 'base64url');
    if (bytes.length < 32) {
      throw new ServiceSecretError(
        'CLOUD_SECRET must be at least 32 random bytes, base64url-encoded (43+ characters).',
      );
    }
    return new ServiceSecret(bytes);
  }

  /** A 32-byte key for one purpose. */
  key(purpose: KeyPurpose): Uint8Array {
    return new Uint8Array(hkdfSync('sha256', this.#secret, Buffer.alloc(0), `talemo-cloud/${purpose}`, 32));
  }

  /** HMAC-SHA256 (hex) under a purpose key: a stable pseudonym for a value we must not store. */
  pseudonym(purpose: KeyPurpose, value: string): string {
    return createHmac('sha256', this.key(purpose)).update(value).digest('hex');
  }

  /** Keeps the secret out of logs and JSON even if someone logs the object. */
  toJSON(): string {
    return '[service secret]';
  }
}

const FILE = path.join('secrets', 'service-secret');

async function readSecretFile(file: string): Promise<ServiceSecret | undefined> {
  try {
    return ServiceSecret.fromBase64Url(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ServiceSecretError(`Cannot read the service secret at ${file}: ${(error as Error).message}`);
  }
}

/**
 * Reads the secret from `dataDir`, creating it if absent: written whole to a temporary file
 * (mode 0600), then hard-linked into place, which fails if another process got there first; in
 * that case everyone uses the one that won.
 */
export async function loadOrCreateServiceSecret(dataDir: string): Promise<ServiceSecret> {
  const file = path.join(dataDir, FILE);
  const existing = await readSecretFile(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
  const secret = await readSecretFile(file);
  if (!secret) throw new ServiceSecretError(`The service secret at ${file} vanished while starting.`);
  return secret;
}
