/**
 * The contract over loopback HTTP (local web mode). Every call carries the per-launch
 * token; progress arrives on one long-lived event stream, the way IPC events do.
 */
import { decodeWire, encodeWire } from './wire-codec';
import {
  ContractError,
  type Envelope,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type ProgressEvent,
  type TalemoClient,
} from './contract';

export const TOKEN_HEADER = 'x-talemo-token';
export const JOB_HEADER = 'x-talemo-job';
export const WIRE_CONTENT_TYPE = 'application/x-talemo-wire';

type Listener = (event: ProgressEvent) => void;

export function createHttpClient(baseUrl: string, token: string): TalemoClient & { close(): void } {
  const listeners = new Map<string, Listener>();
  const controller = new AbortController();
  let events: Promise<void> | null = null;

  const ensureEvents = (): void => {
    events ??= streamEvents(baseUrl, token, controller.signal, (event) =>
      listeners.get(event.jobId)?.(event),
    ).catch(() => {
      events = null; // Why: reconnect on the next job if the stream dropped.
    });
  };

  return {
    async call<M extends MethodName>(
      method: M,
      input: MethodInput<M>,
      options?: { jobId?: string; onProgress?: Listener },
    ): Promise<MethodOutput<M>> {
      const jobId = options?.jobId ?? (options?.onProgress ? crypto.randomUUID() : undefined);
      if (jobId && options?.onProgress) {
        listeners.set(jobId, options.onProgress);
        ensureEvents();
      }
      try {
        const headers: Record<string, string> = { [TOKEN_HEADER]: token, 'content-type': WIRE_CONTENT_TYPE };
        if (jobId) headers[JOB_HEADER] = jobId;
        const response = await fetch(`${baseUrl}/api/call/${method}`, {
          method: 'POST',
          headers,
          body: encodeWire(input) as BodyInit,
        });
        const body = new Uint8Array(await response.arrayBuffer());
        const isWire = response.headers.get('content-type')?.startsWith(WIRE_CONTENT_TYPE);
        if (!isWire) {
          throw new ContractError({
            code: 'transport',
            message: `The app answered HTTP ${response.status}.`,
          });
        }
        const envelope = decodeWire(body) as Envelope<MethodOutput<M>>;
        if (!envelope.ok) throw new ContractError(envelope.error);
        return envelope.value;
      } finally {
        if (jobId) listeners.delete(jobId);
      }
    },
    close: () => controller.abort(),
  };
}

async function streamEvents(
  baseUrl: string,
  token: string,
  signal: AbortSignal,
  deliver: (event: ProgressEvent) => void,
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/events`, { headers: { [TOKEN_HEADER]: token }, signal });
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) deliver(JSON.parse(data) as ProgressEvent);
    }
  }
}
