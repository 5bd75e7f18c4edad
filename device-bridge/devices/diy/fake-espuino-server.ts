/**
 * A fake ESPuino web server for tests, on 127.0.0.1: the /rfid routes as the firmware has
 * them (biologist79/ESPuino @ 5f7b341, src/Web.cpp:602-606 and 2495-2692), with the NVS
 * `rfidTags` namespace as a map of tag id → `#<fileOrUrl>#<lastPlayPos>#<playMode>#<trackLastPlayed>`.
 * Quirks kept on purpose: POST only with a JSON content type (AsyncCallbackJsonWebHandler),
 * errors as HTTP 500 text, `GET /rfid?id=<unknown>` answering the whole list.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FakeEspuinoServer {
  /** NVS namespace `rfidTags`: tag id → stored string. */
  readonly nvs = new Map<string, string>();
  /** Bodies of the POST /rfid requests received, as parsed JSON. */
  readonly posts: unknown[] = [];
  /** When set, POST /rfid answers 200 but stores nothing (a box whose NVS write failed silently). */
  dropWrites = false;

  private readonly server: Server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });

  /** Kept after stop(), so a test can aim at a box that went away. */
  private port = 0;

  private constructor() {}

  static async start(): Promise<FakeEspuinoServer> {
    const fake = new FakeEspuinoServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/rfid') return send(res, 404, 'text/plain', 'Not found');
    const id = url.searchParams.get('id') ?? '';
    if (req.method === 'GET') return this.get(res, id);
    if (req.method === 'DELETE') return this.remove(res, id);
    const isJson =
      (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
    if (req.method === 'POST' && isJson) return this.post(res, await readBody(req));
    return send(res, 404, 'text/plain', 'Not found');
  }

  private get(res: ServerResponse, id: string): void {
    if (id !== '' && this.nvs.has(id))
      return send(res, 200, 'application/json', JSON.stringify(this.entry(id)));
    const entries = [...this.nvs.keys()].map((key) => this.entry(key)).filter((e) => e !== null);
    send(res, 200, 'application/json', JSON.stringify(entries));
  }

  private post(res: ServerResponse, body: string): void {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return send(res, 400, 'text/plain', 'Invalid JSON');
    }
    this.posts.push(json);
    const id = typeof json.id === 'string' ? json.id : '';
    if (id === '') return send(res, 500, 'text/plain; charset=utf-8', '/rfid (POST): Missing tag id');
    const fileOrUrl = typeof json.fileOrUrl === 'string' && json.fileOrUrl !== '' ? json.fileOrUrl : '0';
    const mode = isUint8(json.modId) ? json.modId : asUint8(json.playMode);
    if (mode <= 0)
      return send(res, 500, 'text/plain; charset=utf-8', '/rfid (POST): Invalid playMode or modId');
    if (!this.dropWrites) this.nvs.set(id, `#${fileOrUrl}#0#${mode}#0`);
    const entry = this.entry(id);
    send(res, 200, 'application/json', JSON.stringify(entry ?? {}));
  }

  private remove(res: ServerResponse, id: string): void {
    if (id === '') return send(res, 500, 'text/plain; charset=utf-8', '/rfid (DELETE): Missing tag id');
    if (!this.nvs.delete(id))
      return send(res, 404, 'text/plain; charset=utf-8', 'error removing tag from NVS: Tag not exists');
    send(res, 200, 'text/plain; charset=utf-8', `${id} removed successfuly`);
  }

  /** `tagIdToJSON`: split on "#", mode ≥ 100 is a modification card. */
  private entry(id: string): Record<string, unknown> | null {
    const stored = this.nvs.get(id);
    if (!stored || stored === '-1') return null;
    const [file = '', pos = '0', mode = '1', track = '0'] = stored.split('#').filter((part) => part !== '');
    const playMode = Number(mode);
    if (playMode >= 100) return { id, modId: playMode };
    return { id, fileOrUrl: file, playMode, lastPlayPos: Number(pos), trackLastPlayed: Number(track) };
  }
}

function isUint8(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255;
}

/** ArduinoJson's conversion into a uint8_t: numbers in range, anything else 0. */
function asUint8(value: unknown): number {
  return isUint8(value) ? value : 0;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
