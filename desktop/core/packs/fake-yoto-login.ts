/**
 * A stand-in for Yoto's login site (login.yotoplay.com), for tests only, in front of
 * device-bridge's FakeYotoServer (which issues the tokens its API accepts). It does what the
 * real one does for a desktop app: `/authorize` signs the parent in at once (no password page)
 * and redirects to the registered loopback address with a one-time code; `/oauth/token` trades
 * that code for tokens after checking the PKCE verifier, and passes refreshes on to the API fake.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { FakeYotoServer } from '../../../device-bridge/devices/yoto/fake-yoto-server';

interface PendingCode {
  challenge: string;
  redirectUri: string;
}

export class FakeYotoLogin {
  /** Set to make the next /authorize answer "access_denied" (the parent pressed Cancel). */
  refuseNext = false;
  private readonly codes = new Map<string, PendingCode>();

  private readonly server: Server;

  private constructor(private readonly yoto: FakeYotoServer) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => json(response, 500, { error: String(error) }));
    });
  }

  static async start(yoto: FakeYotoServer): Promise<FakeYotoLogin> {
    const login = new FakeYotoLogin(yoto);
    await new Promise<void>((resolve) => login.server.listen(0, '127.0.0.1', () => resolve()));
    return login;
  }

  get baseUrl(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    if (request.method === 'GET' && url.pathname === '/authorize') return this.authorize(url, response);
    if (request.method === 'POST' && url.pathname === '/oauth/token') {
      const form = new URLSearchParams((await body(request)).toString('utf8'));
      if (form.get('grant_type') === 'authorization_code') return this.exchange(form, response);
      return this.forwardRefresh(form, response);
    }
    json(response, 404, { error: 'not_found' });
  }

  private authorize(url: URL, response: ServerResponse): void {
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri') ?? '';
    if (params.get('client_id') !== this.yoto.clientId || !/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri)) {
      json(response, 400, { error: 'invalid_request', error_description: 'Unknown client or redirect' });
      return;
    }
    const back = new URL(redirectUri);
    back.searchParams.set('state', params.get('state') ?? '');
    if (this.refuseNext) {
      this.refuseNext = false;
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(12).toString('hex');
      this.codes.set(code, { challenge: params.get('code_challenge') ?? '', redirectUri });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { Location: back.toString() }).end();
  }

  private exchange(form: URLSearchParams, response: ServerResponse): void {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code); // one use only, as OAuth requires
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      !pending ||
      form.get('client_id') !== this.yoto.clientId ||
      pending.redirectUri !== form.get('redirect_uri') ||
      pending.challenge !== challenge
    ) {
      json(response, 403, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      return;
    }
    const tokens = this.yoto.signIn();
    json(response, 200, {
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      token_type: 'Bearer',
      expires_in: Math.round((tokens.expiresAt - Date.now()) / 1000),
    });
  }

  private async forwardRefresh(form: URLSearchParams, response: ServerResponse): Promise<void> {
    const answer = await fetch(`${this.yoto.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(await answer.text());
  }
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
}

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts)));
    request.on('error', reject);
  });
}
