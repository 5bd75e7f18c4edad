// A fake S3-compatible object store for tests: PUT, GET and HEAD of one object, path-style
// (/<bucket>/<key>), in memory. It checks each request's SigV4 signature against the one
// credential it knows, so a request signed wrongly is refused as a real store would (403).
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest, type S3Credentials } from '../domains/sync/sigv4.js';

export interface FakeS3Server {
  endpoint: string;
  credentials: S3Credentials;
  /** Stored objects by "<bucket>/<key>". */
  objects: Map<string, Buffer>;
  /** Requests refused for a bad signature. */
  refused: number;
  close(): Promise<void>;
}

function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return new Date(NaN);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function signatureMatches(
  req: http.IncomingMessage,
  body: Buffer,
  credentials: S3Credentials,
  host: string,
): boolean {
  const auth = req.headers.authorization ?? '';
  const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
  const payloadSha256 = String(req.headers['x-amz-content-sha256'] ?? '');
  if (body.length > 0 && createHash('sha256').update(body).digest('hex') !== payloadSha256) return false;
  const extra: Record<string, string> = {};
  for (const name of signed)
    if (!['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name))
      extra[name] = String(req.headers[name] ?? '');
  const expected = signRequest(credentials, {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', `http://${host}`),
    headers: extra,
    payloadSha256,
    now: parseAmzDate(String(req.headers['x-amz-date'] ?? '')),
  });
  return expected.authorization === auth;
}

export async function startFakeS3Server(): Promise<FakeS3Server> {
  const credentials = { accessKeyId: 'FAKEKEY', secretAccessKey: 'fake-secret-for-tests', region: 'test-1' };
  const objects = new Map<string, Buffer>();
  const state = { refused: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signatureMatches(req, body, credentials, req.headers.host ?? '')) {
        state.refused += 1;
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      const object = objects.get(key);
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (!object) {
        res.writeHead(404).end();
      } else if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-length': object.length }).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(object);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    credentials,
    objects,
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
