import { describe, expect, it } from 'vitest';

import { readBodyCapped } from './capped-body';

/** A body sent in `count` chunks of `size` bytes, with no announced length (chunked encoding). */
function streamed(count: number, size: number): { res: Response; pulled: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === count) return controller.close();
      sent += 1;
      controller.enqueue(new Uint8Array(size).fill(sent));
    },
  });
  return { res: new Response(body), pulled: () => sent };
}

describe('readBodyCapped', () => {
  it('should read a body under the ceiling whole, in order', async () => {
    const { res } = streamed(3, 1000);
    const body = await readBodyCapped(res, 10_000, 'export');
    expect(body.byteLength).toBe(3000);
    expect([body[0], body[1500], body[2999]]).toEqual([1, 2, 3]);
  });

  it('should stop reading as soon as a streamed body passes the ceiling', async () => {
    const { res, pulled } = streamed(1000, 1000);
    await expect(readBodyCapped(res, 5000, 'export')).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining("server's export"),
    });
    expect(pulled()).toBeLessThan(10); // it did not drain the other megabyte
  });

  it('should refuse at once a body whose announced length is too large', async () => {
    const res = new Response('x'.repeat(100), { headers: { 'content-length': '100' } });
    await expect(readBodyCapped(res, 50, 'answer')).rejects.toMatchObject({ code: 'too-large' });
  });
});
