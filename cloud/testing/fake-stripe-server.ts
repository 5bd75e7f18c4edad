// A local stand-in for the parts of Stripe's API that billing calls, so tests drive the real
// `stripe` SDK over real HTTP. It speaks the documented shapes: form-encoded requests with
// bracketed keys (line_items[0][price]), `Authorization: Bearer <secret key>`, JSON objects with
// `id` and `object`, and errors as {error: {type, message, param?, code?}}.
// Endpoints: POST /v1/customers, POST /v1/checkout/sessions, POST /v1/billing_portal/sessions.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeStripeRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey?: string;
}

type Json = Record<string, unknown>;

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; param?: string; code?: string },
  ) {
    super(body.message);
  }
}

/** Decodes Stripe's form encoding: a[b][0][c]=v becomes {a: {b: [{c: 'v'}]}}. */
export function decodeStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('[').map((p) => p.replace(/\]$/, ''));
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? '');
      const slot = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[slot] = value;
      else {
        container[slot] ??= nextIsIndex ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

function need(params: Json, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      message: `Missing required param: ${name}.`,
      param: name,
      code: 'parameter_missing',
    });
  }
  return value;
}

export class FakeStripeServer {
  readonly requests: FakeStripeRequest[] = [];
  readonly customers = new Map<string, Json>();
  #server: Server | undefined;
  #now = () => Math.floor(Date.now() / 1000);

  constructor(readonly secretKey = `sk_test_${randomBytes(16).toString('hex')}`) {}

  get port(): number {
    return (this.#server?.address() as AddressInfo).port;
  }

  /** Options for `new Stripe(key, …)` that send the SDK here. */
  get sdkOptions(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http' };
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = decodeStripeForm(Buffer.concat(chunks).toString('utf8'));
    const path = (req.url ?? '').split('?')[0] ?? '';
    const key = req.headers['idempotency-key'];
    this.requests.push({
      method: req.method ?? '',
      path,
      params,
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
    });
    try {
      if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
        throw new StripeApiError(401, {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided.',
        });
      }
      const body = this.#route(req.method ?? '', path, params);
      this.#send(res, 200, body);
    } catch (error) {
      if (error instanceof StripeApiError) this.#send(res, error.status, { error: error.body });
      else this.#send(res, 500, { error: { type: 'api_error', message: String(error) } });
    }
  }

  #send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  }

  #route(method: string, path: string, params: Json): Json {
    if (method === 'POST' && path === '/v1/customers') return this.#createCustomer(params);
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.#createCheckout(params);
    if (method === 'POST' && path === '/v1/billing_portal/sessions') return this.#createPortal(params);
    throw new StripeApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  }

  #createCustomer(params: Json): Json {
    const customer = {
      id: id('cus'),
      object: 'customer',
      created: this.#now(),
      email: params.email ?? null,
      name: params.name ?? null,
      metadata: params.metadata ?? {},
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  #existingCustomer(params: Json): string {
    const customer = need(params, 'customer');
    if (!this.customers.has(customer)) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        message: `No such customer: '${customer}'`,
        param: 'customer',
        code: 'resource_missing',
      });
    }
    return customer;
  }

  #createCheckout(params: Json): Json {
    const mode = need(params, 'mode');
    const successUrl = need(params, 'success_url');
    const items = params.line_items;
    if (!Array.isArray(items) || items.length === 0) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        message: 'Missing required param: line_items.',
        param: 'line_items',
      });
    }
    const customer = params.customer === undefined ? null : this.#existingCustomer(params);
    const sessionId = id('cs_test');
    return {
      id: sessionId,
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: 'unpaid',
      customer,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      success_url: successUrl,
      cancel_url: params.cancel_url ?? null,
      subscription: null,
      url: `https://checkout.stripe.com/c/pay/${sessionId}`,
      created: this.#now(),
      expires_at: this.#now() + 24 * 3600,
      livemode: false,
    };
  }

  #createPortal(params: Json): Json {
    const customer = this.#existingCustomer(params);
    const sessionId = id('bps');
    return {
      id: sessionId,
      object: 'billing_portal.session',
      customer,
      return_url: params.return_url ?? null,
      url: `https://billing.stripe.com/p/session/${sessionId}`,
      created: this.#now(),
      livemode: false,
    };
  }
}
