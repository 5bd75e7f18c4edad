/**
 * SHA-256 of a file, remembered per (path, size, modification time) for the life of the process:
 * a voice's fingerprint needs its model's hash on every narration, and a 60 MB model takes a
 * noticeable moment to hash.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

const known = new Map<string, Promise<string>>();

export async function fileSha256(path: string): Promise<string> {
  const { size, mtimeMs } = await stat(path);
  const key = `${path}\n${size}\n${mtimeMs}`;
  let digest = known.get(key);
  if (!digest) {
    digest = hashFile(path);
    known.set(key, digest);
    digest.catch(() => known.delete(key));
  }
  return digest;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
