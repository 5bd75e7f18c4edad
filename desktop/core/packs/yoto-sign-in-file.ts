/**
 * The parent's Yoto sign-in, kept in the library folder so the queue can send after a restart.
 * Written whole (temp + rename) and readable by the user only: the refresh token is a key to
 * the family's Yoto account.
 */
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import type { YotoTokens } from '../../../device-bridge/devices/yoto/yoto-auth';

export const YOTO_SIGN_IN_FILE = 'yoto-sign-in.json';

const tokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number().optional(),
});

/** The saved tokens, or null when signed out (or the file is damaged: the parent signs in again). */
export async function readYotoSignIn(libraryDir: string): Promise<YotoTokens | null> {
  let text: string;
  try {
    text = await readFile(join(libraryDir, YOTO_SIGN_IN_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = tokensSchema.safeParse(JSON.parse(text));
    return parsed.success ? stripUndefined(parsed.data) : null;
  } catch {
    return null;
  }
}

export async function saveYotoSignIn(libraryDir: string, tokens: YotoTokens): Promise<void> {
  const target = join(libraryDir, YOTO_SIGN_IN_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(tokens), { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, target);
}

export async function forgetYotoSignIn(libraryDir: string): Promise<void> {
  await rm(join(libraryDir, YOTO_SIGN_IN_FILE), { force: true });
}

function stripUndefined(tokens: z.infer<typeof tokensSchema>): YotoTokens {
  return {
    accessToken: tokens.accessToken,
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
  };
}
