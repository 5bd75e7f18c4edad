import { mkdtempSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeContract } from '../api/contract-suite';
import { createHttpClient, TOKEN_HEADER, WIRE_CONTENT_TYPE } from '../api/http-client';
import { encodeWire } from '../api/wire-codec';
import { startWebServer, type WebServer } from './web-server';

async function fakeRenderer(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-renderer-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Talemo</title>');
  return dir;
}

describeContract('loopback HTTP', async () => {
  const server = await startWebServer({
    libraryDir: mkdtempSync(join(tmpdir(), 'talemo-web-')),
    rendererDir: await fakeRenderer(),
  });
  const client = createHttpClient(server.origin, server.token);
  return {
    client,
    close: async () => {
      client.close();
      await server.close();
    },
  };
});

describe('the loopback server', () => {
  let server: WebServer;
  const call = (init: RequestInit & { headers?: Record<string, string> }, path = '/api/call/app.info') =>
    fetch(`${server.origin}${path}`, {
      method: 'POST',
      body: encodeWire({}) as BodyInit,
      ...init,
      headers: { 'content-type': WIRE_CONTENT_TYPE, ...init.headers },
    });

  beforeAll(async () => {
    server = await startWebServer({
      libraryDir: mkdtempSync(join(tmpdir(), 'talemo-web-')),
      rendererDir: await fakeRenderer(),
    });
  });
  afterAll(async () => server.close());

  it('should listen on 127.0.0.1 only, on a random port, and print an address carrying the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('should refuse API calls without the token or with a wrong one', async () => {
    expect((await call({})).status).toBe(401);
    expect((await call({ headers: { [TOKEN_HEADER]: 'x'.repeat(server.token.length) } })).status).toBe(401);
    expect((await call({ headers: { [TOKEN_HEADER]: server.token } })).status).toBe(200);
  });

  it('should refuse requests from another origin even with the token', async () => {
    const response = await call({
      headers: { [TOKEN_HEADER]: server.token, origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  it('should refuse a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.origin}/`, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('should serve the renderer and nothing outside it', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Talemo</title>');
    expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.origin}/assets/../../package.json`)).status).toBe(404);
  });

  it('should answer a garbled body with a clear error, not a crash', async () => {
    const response = await call({ headers: { [TOKEN_HEADER]: server.token }, body: new Uint8Array([1, 2]) });
    expect(response.status).toBe(200);
    const app = await call({ headers: { [TOKEN_HEADER]: server.token } });
    expect(app.status).toBe(200);
  });
});
