/** Uploading real TAF files (encodeTaf from generated tones) to a fake TeddyCloud server. */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeTaf } from '../../formats/taf/taf-encode';
import { makeWavTone } from '../../formats/taf/taf-test-audio';
import { startFakeTeddyCloud, type FakeTeddyCloud } from './fake-teddycloud-server';
import { TeddyCloudError } from './teddycloud-error';
import { listTeddyCloudLibrary } from './teddycloud-library';
import { uploadTafToTeddyCloud } from './teddycloud-upload';

let work: string;
let taf: string;
let library: string;
let server: FakeTeddyCloud;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'teddycloud-'));
  const one = await makeWavTone(work, 'one.wav', 0.6, 440);
  const two = await makeWavTone(work, 'two.wav', 0.5, 660);
  taf = join(work, 'Der kleine Drache.taf');
  await encodeTaf([one, two], taf, { audioId: 0x1234_5678 });
  library = join(work, 'library');
  server = await startFakeTeddyCloud({ libraryDir: library });
}, 60_000);

afterAll(async () => {
  await server.close();
});

async function rejection(promise: Promise<unknown>): Promise<TeddyCloudError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TeddyCloudError);
  return error as TeddyCloudError;
}

describe('uploadTafToTeddyCloud', { timeout: 30_000 }, () => {
  it('should put the TAF in the library, checked by the server and listed back', async () => {
    await mkdir(join(library, 'Geschichten'), { recursive: true });
    const progress: number[] = [];
    const result = await uploadTafToTeddyCloud(server.url, taf, {
      libraryPath: '/Geschichten',
      onProgress: (sent) => progress.push(sent),
    });
    const bytes = await readFile(taf);
    expect(result).toMatchObject({
      endpoint: '/api/tafUpload',
      name: 'Der kleine Drache.taf',
      libraryPath: '/Geschichten',
      bytes: bytes.length,
      audioId: 0x1234_5678,
      serverValidated: true,
      confirmed: true,
      reply: 'OK',
    });
    expect(progress.at(-1)).toBe(bytes.length);
    expect(await readFile(join(library, 'Geschichten', 'Der kleine Drache.taf'))).toEqual(bytes);
    const upload = server.requests.find((request) => request.path === '/api/tafUpload');
    expect(upload).toMatchObject({
      method: 'POST',
      query: { name: 'Der kleine Drache.taf', path: '/Geschichten', special: 'library' },
      field: 'file',
      filename: 'Der kleine Drache.taf',
    });
    const listed = await listTeddyCloudLibrary(server.url, '/Geschichten');
    expect(listed?.[0]?.tafHeader).toMatchObject({ audioId: 0x1234_5678, valid: true, trackSeconds: [0, 0] });
  });

  it("should pass on the server's own words when it refuses (a folder that does not exist)", async () => {
    const error = await rejection(uploadTafToTeddyCloud(server.url, taf, { libraryPath: '/Nowhere' }));
    expect(error.code).toBe('http');
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/refused Der kleine Drache\.taf \(HTTP 500\): invalid path: '\/Nowhere'/);
  });

  it('should not send a damaged TAF, and say what is wrong with it', async () => {
    const bad = join(work, 'damaged.taf');
    const bytes = await readFile(taf);
    bytes[bytes.length - 50] = bytes[bytes.length - 50]! ^ 0xff;
    await writeFile(bad, bytes);
    const before = server.requests.length;
    const error = await rejection(uploadTafToTeddyCloud(server.url, bad));
    expect(error.code).toBe('bad-taf');
    expect(error.message).toMatch(/SHA-1/);
    expect(server.requests.length).toBe(before);
    expect(await readdir(library)).not.toContain('damaged.taf');
  });

  it('should fall back to /api/fileUpload on a server older than /api/tafUpload', async () => {
    const oldLibrary = join(work, 'old-library');
    const old = await startFakeTeddyCloud({ libraryDir: oldLibrary, legacy: true });
    try {
      const result = await uploadTafToTeddyCloud(old.url, taf, { name: 'drache' });
      expect(result).toMatchObject({
        endpoint: '/api/fileUpload',
        name: 'drache.taf',
        serverValidated: false,
        confirmed: true,
      });
      expect(old.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        'POST /api/tafUpload',
        'POST /api/fileUpload',
        'GET /api/fileIndexV2',
      ]);
      expect(await readFile(join(oldLibrary, 'drache.taf'))).toEqual(await readFile(taf));
    } finally {
      await old.close();
    }
  });

  it('should say the server is unreachable when nothing listens there', async () => {
    const port = await closedPort();
    const error = await rejection(uploadTafToTeddyCloud(`127.0.0.1:${port}`, taf));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/Could not reach TeddyCloud at http:\/\/127\.0\.0\.1:\d+: nothing answers/);
  });

  it('should give up on a server that stops answering', async () => {
    const stalled = await startFakeTeddyCloud({ libraryDir: join(work, 'stalled'), stall: true });
    try {
      const error = await rejection(uploadTafToTeddyCloud(stalled.url, taf, { idleMs: 300 }));
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/stopped answering/);
    } finally {
      await stalled.close();
    }
  });

  it('should stop when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      uploadTafToTeddyCloud(server.url, taf, { signal: controller.signal, name: 'cancelled' }),
    );
    expect(error.code).toBe('cancelled');
    expect(await readdir(library)).not.toContain('cancelled.taf');
  });

  it('should refuse an address that is not http', async () => {
    const error = await rejection(uploadTafToTeddyCloud('ftp://teddycloud.local', taf));
    expect(error.code).toBe('bad-url');
  });
});

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}
