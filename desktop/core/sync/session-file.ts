// The sign-in kept between runs: `<library>/sync/session.json`, readable by this user only. It
// holds the refresh token (a secret: never logged, never put in an error message); the access
// token is never written, a fresh one is asked for after a restart.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const storedSessionSchema = z.object({
  serverUrl: z.string().url(),
  email: z.string(),
  accountId: z.string(),
  tenantId: z.string(),
  tenantName: z.string().nullable(),
  profile: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.string(),
});

export type StoredSession = z.infer<typeof storedSessionSchema>;

export class SessionFile {
  readonly path: string;
  private readonly dir: string;

  constructor(libraryDir: string) {
    this.dir = join(libraryDir, 'sync');
    this.path = join(this.dir, 'session.json');
  }

  /** The stored sign-in; null when there is none or the file is unreadable (then sign in again). */
  read(): StoredSession | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = storedSessionSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /**
   * Written whole to a temp file created 0600 and renamed over the old one: a crash leaves the
   * old sign-in or the new one, never half of each, and no other user can read either.
   */
  write(session: StoredSession): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temp = join(this.dir, `.session-${randomUUID()}.tmp`);
    try {
      writeFileSync(temp, JSON.stringify(session), { mode: 0o600, flag: 'wx' });
      renameSync(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
