/**
 * A response body read with a ceiling: an answer from the network is refused as soon as it
 * passes `maxBytes` (checked on the announced length first, then while streaming), so a wrong
 * or hostile server cannot fill the laptop's memory.
 */
import { TalemoError } from '../errors';

export async function readBodyCapped(res: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const tooLarge = (): TalemoError =>
    new TalemoError(
      'too-large',
      `The server's ${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: Talemo stopped reading it.`,
    );
  const announced = Number(res.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
