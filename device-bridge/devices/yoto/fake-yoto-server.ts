/**
 * A stand-in for Yoto's cloud, for tests only: a real HTTP server on 127.0.0.1 speaking the
 * documented endpoints (see yoto-client.ts for the list and sources), with its state in memory.
 *
 * What it checks, because the real service does: every API call needs a Bearer token it issued;
 * an upload's bytes must hash to the SHA-256 announced when the upload URL was asked for ("we
 * SHA256 hash the file once it is uploaded ... and compare the hashes", yoto.dev/api/getanuploadurl);
 * with autoConvert=false an icon must be a 16×16 RGBA PNG (yoto.dev/api/uploadcustomicon); a
 * playlist's tracks and icons must point at media it holds.
 *
 * What it pretends: transcoding "finishes" after `transcodePolls` status polls; duration is
 * derived from the size (it decodes nothing); transcoded hashes are derived from the source hash.
 *
 * Test controls: `goOffline()` / `goOnline()` (connections refused, same port), `failNext()`
 * (answer the next matching requests with an error), `expireAccessTokens()`,
 * `revokeSignIn()`, and counters (`putCount`, `requests`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface FakeYotoOptions {
  /** Status polls that answer "not ready" before a transcode is done. Default 2. */
  transcodePolls?: number;
  /** Access token lifetime reported to the client, seconds. Default 3600. */
  tokenLifetimeSeconds?: number;
}

export interface InjectedFailure {
  method?: string;
  /** Matched against the path without the query. */
  path: RegExp;
  status: number;
  message?: string;
  /** How many requests to fail; default 1. */
  times?: number;
}

interface Upload {
  sha256: string;
  filename: string;
  received: boolean;
  polls: number;
}

interface StoredMedia {
  size: number;
  transcodedSha256: string;
}

export class FakeYotoServer {
  readonly clientId = 'talemo-test-client';
  /** Cards by id, as stored (body fields plus server fields). */
  readonly cards = new Map<string, Record<string, unknown>>();
  readonly icons = new Map<string, Uint8Array>();
  readonly covers = new Map<string, Uint8Array>();
  /** PUTs received per source SHA-256. */
  readonly putCount = new Map<string, number>();
  readonly requests: { method: string; path: string }[] = [];
  private readonly media = new Map<string, StoredMedia>();
  private readonly transcoded = new Set<string>();
  private readonly uploads = new Map<string, Upload>();
  private readonly accessTokens = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private failures: InjectedFailure[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private port = 0;
  private nextId = 1;

  private constructor(private readonly options: FakeYotoOptions) {}

  static async start(options: FakeYotoOptions = {}): Promise<FakeYotoServer> {
    const fake = new FakeYotoServer(options);
    await fake.goOnline();
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Tokens as after a sign-in, for a client to start with. */
  signIn(): { accessToken: string; refreshToken: string; expiresAt: number } {
    const accessToken = this.issue(this.accessTokens, 'at');
    const refreshToken = this.issue(this.refreshTokens, 'rt');
    return {
      accessToken,
      refreshToken,
      expiresAt: Date.now() + (this.options.tokenLifetimeSeconds ?? 3600) * 1000,
    };
  }

  /** Access tokens stop working; refresh tokens still do. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** The sign-in is gone: access and refresh tokens are refused. */
  revokeSignIn(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  failNext(failure: InjectedFailure): void {
    this.failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Whether Yoto holds media with this source SHA-256. */
  hasMedia(sha256: string): boolean {
    return this.media.has(sha256);
  }

  async goOnline(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent)
          this.json(response, 500, { error: { code: 'internal', message: String(error) } });
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  /** Closes the port and drops open connections: clients get "connection refused". */
  async goOffline(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async stop(): Promise<void> {
    await this.goOffline();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const method = request.method ?? 'GET';
    this.requests.push({ method, path: url.pathname });
    const body = await readBody(request);
    const failure = this.failures.find((f) => (f.method ?? method) === method && f.path.test(url.pathname));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures = this.failures.filter((f) => f !== failure);
      this.json(response, failure.status, {
        error: { code: 'injected', message: failure.message ?? `injected ${failure.status}` },
      });
      return;
    }
    if (method === 'POST' && url.pathname === '/oauth/token') return this.token(body, response);
    const upload = /^\/upload\/([\w-]+)$/.exec(url.pathname);
    // The signed storage URL carries its own authority; it takes no Bearer token.
    if (method === 'PUT' && upload?.[1]) return this.receive(upload[1], body, response);
    if (!this.authorised(request)) {
      this.json(response, 401, { error: { code: 'unauthorized', message: 'Invalid or expired token' } });
      return;
    }
    await this.route(method, url, body, request, response);
  }

  private async route(
    method: string,
    url: URL,
    body: Buffer,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const path = url.pathname;
    if (method === 'GET' && path === '/media/transcode/audio/uploadUrl') return this.uploadUrl(url, response);
    const transcode = /^\/media\/upload\/([\w-]+)\/transcoded$/.exec(path);
    if (method === 'GET' && transcode?.[1]) return this.transcodeStatus(transcode[1], response);
    if (method === 'POST' && path === '/media/displayIcons/user/me/upload')
      return this.icon(url, body, request, response);
    if (method === 'POST' && path === '/media/coverImage/user/me/upload') return this.cover(body, response);
    if (method === 'POST' && path === '/content') return this.saveContent(body, response);
    const content = /^\/content\/(\w+)$/.exec(path);
    if (method === 'GET' && content?.[1]) return this.getContent(content[1], response);
    this.json(response, 404, { error: { code: 'not-found', message: `No route ${method} ${path}` } });
  }

  private token(body: Buffer, response: ServerResponse): void {
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('client_id') !== this.clientId) {
      this.json(response, 401, { error: 'invalid_client', error_description: 'Unknown client' });
      return;
    }
    const refresh = form.get('refresh_token');
    if (form.get('grant_type') !== 'refresh_token' || !refresh || !this.refreshTokens.has(refresh)) {
      this.json(response, 403, {
        error: 'invalid_grant',
        error_description: 'Unknown or invalid refresh token.',
      });
      return;
    }
    // Rotates the refresh token, as many OAuth servers do, so the client must keep the new one.
    this.refreshTokens.delete(refresh);
    this.json(response, 200, {
      access_token: this.issue(this.accessTokens, 'at'),
      refresh_token: this.issue(this.refreshTokens, 'rt'),
      token_type: 'Bearer',
      expires_in: this.options.tokenLifetimeSeconds ?? 3600,
    });
  }

  private uploadUrl(url: URL, response: ServerResponse): void {
    const sha256 = url.searchParams.get('sha256') ?? '';
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      this.json(response, 400, { error: { code: 'bad-request', message: 'sha256 must be 64 hex digits' } });
      return;
    }
    const uploadId = `up${this.nextId++}${randomBytes(4).toString('hex')}`;
    const known = this.media.has(sha256);
    this.uploads.set(uploadId, {
      sha256,
      filename: url.searchParams.get('filename') ?? '',
      received: known,
      polls: 0,
    });
    this.json(response, 200, {
      upload: { uploadId, uploadUrl: known ? null : `${this.baseUrl}/upload/${uploadId}` },
    });
  }

  private receive(uploadId: string, body: Buffer, response: ServerResponse): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) {
      this.json(response, 403, { error: { code: 'forbidden', message: 'Signature does not match' } });
      return;
    }
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== upload.sha256) {
      this.json(response, 400, {
        error: { code: 'bad-request', message: 'Uploaded file does not match its sha256' },
      });
      return;
    }
    this.putCount.set(upload.sha256, (this.putCount.get(upload.sha256) ?? 0) + 1);
    upload.received = true;
    this.media.set(upload.sha256, {
      size: body.length,
      transcodedSha256: createHash('sha256').update(`transcoded:${upload.sha256}`).digest('hex'),
    });
    response.writeHead(200).end();
  }

  private transcodeStatus(uploadId: string, response: ServerResponse): void {
    const upload = this.uploads.get(uploadId);
    const media = upload ? this.media.get(upload.sha256) : undefined;
    if (!upload || !media) {
      this.json(response, 404, { error: { code: 'not-found', message: `Upload ${uploadId} not found` } });
      return;
    }
    upload.polls += 1;
    const alreadyDone = this.transcoded.has(upload.sha256);
    if (!alreadyDone && upload.polls <= (this.options.transcodePolls ?? 2)) {
      this.json(response, 200, {
        transcode: { uploadId, transcodedSha256: null, progress: { phase: 'transcoding' } },
      });
      return;
    }
    this.transcoded.add(upload.sha256);
    this.json(response, 200, {
      transcode: {
        uploadId,
        uploadSha256: upload.sha256,
        transcodedSha256: media.transcodedSha256,
        transcodedInfo: {
          duration: Math.max(1, Math.round(media.size / 16_000)),
          fileSize: Math.round(media.size * 0.9),
          format: 'opus',
          channels: 'mono',
        },
      },
    });
  }

  private async icon(
    url: URL,
    body: Buffer,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const form = await new Request(this.baseUrl, {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: new Uint8Array(body),
    })
      .formData()
      .catch(() => undefined);
    const file = form?.get('file');
    if (!(file instanceof Blob)) {
      this.json(response, 400, { error: { code: 'bad-request', message: 'A file field is required' } });
      return;
    }
    const png = new Uint8Array(await file.arrayBuffer());
    if (url.searchParams.get('autoConvert') === 'false' && !isRgba16Png(png)) {
      this.json(response, 400, {
        error: { code: 'bad-request', message: 'Icon must be a 16x16 24-bit RGBA PNG' },
      });
      return;
    }
    const mediaId = createHash('sha256').update(png).digest('base64url');
    const fresh = !this.icons.has(mediaId);
    this.icons.set(mediaId, png);
    this.json(response, 200, {
      displayIcon: {
        mediaId,
        userId: 'auth0|fake',
        displayIconId: mediaId.slice(0, 24),
        url: `${this.baseUrl}/icons/${mediaId}`,
        ...(fresh ? { new: true } : {}),
      },
    });
  }

  private cover(body: Buffer, response: ServerResponse): void {
    if (body.length === 0) {
      this.json(response, 400, {
        error: { code: 'bad-request', message: 'A binary image file body or imageUrl param is required' },
      });
      return;
    }
    const mediaId = createHash('sha256').update(body).digest('base64url');
    this.covers.set(mediaId, new Uint8Array(body));
    this.json(response, 200, { coverImage: { mediaId, mediaUrl: `${this.baseUrl}/pub/${mediaId}` } });
  }

  private saveContent(raw: Buffer, response: ServerResponse): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      this.json(response, 400, { error: { code: 'bad-request', message: 'Body is not JSON' } });
      return;
    }
    const problem = this.contentProblem(body);
    if (problem) {
      this.json(response, 400, { error: { code: 'bad-request', message: problem } });
      return;
    }
    const now = new Date().toISOString();
    const given = typeof body.cardId === 'string' && body.cardId ? body.cardId : undefined;
    if (given && !this.cards.has(given)) {
      this.json(response, 404, { error: { code: 'not-found', message: `Card ${given} does not exist.` } });
      return;
    }
    const cardId = given ?? this.newCardId();
    const previous = this.cards.get(cardId);
    const card = {
      ...body,
      cardId,
      _id: previous?._id ?? randomBytes(12).toString('hex'),
      userId: 'auth0|fake',
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    this.cards.set(cardId, card);
    this.json(response, 200, { card });
  }

  /** The checks a real server would make that a fake can: references must exist. */
  private contentProblem(body: Record<string, unknown>): string | undefined {
    if (typeof body.title !== 'string' || body.title.length === 0) return 'title is required';
    const content = body.content as { chapters?: unknown } | undefined;
    if (!content || !Array.isArray(content.chapters)) return 'content.chapters is required';
    const transcoded = new Set([...this.media.values()].map((m) => `yoto:#${m.transcodedSha256}`));
    for (const chapter of content.chapters as { display?: { icon16x16?: unknown }; tracks?: unknown }[]) {
      const icon = chapter.display?.icon16x16;
      if (typeof icon === 'string' && !this.icons.has(icon.replace(/^yoto:#/, '')))
        return `Unknown icon ${icon}`;
      if (!Array.isArray(chapter.tracks)) return 'chapter.tracks is required';
      for (const track of chapter.tracks as { trackUrl?: unknown }[]) {
        if (typeof track.trackUrl !== 'string' || !transcoded.has(track.trackUrl))
          return `Unknown track ${String(track.trackUrl)}`;
      }
    }
    return undefined;
  }

  private getContent(cardId: string, response: ServerResponse): void {
    const card = this.cards.get(cardId);
    if (!card)
      this.json(response, 404, { error: { code: 'not-found', message: `Card ${cardId} does not exist.` } });
    else this.json(response, 200, { card });
  }

  private authorised(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') && this.accessTokens.has(header.slice(7));
  }

  private issue(store: Set<string>, prefix: string): string {
    const token = `${prefix}-${this.nextId++}-${randomBytes(8).toString('hex')}`;
    store.add(token);
    return token;
  }

  private newCardId(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    for (;;) {
      const id = [...randomBytes(5)].map((b) => letters[b % letters.length]).join('');
      if (!this.cards.has(id)) return id;
    }
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts)));
    request.on('error', reject);
  });
}

/** IHDR: width, height at 16 and 20, bit depth 8, colour type 6 (RGBA). */
function isRgba16Png(png: Uint8Array): boolean {
  if (png.length < 33 || png[0] !== 0x89 || png[1] !== 0x50) return false;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return view.getUint32(16) === 16 && view.getUint32(20) === 16 && png[24] === 8 && png[25] === 6;
}
