/**
 * One place that turns what the network and Yoto do into `YotoError`s: a refused connection is
 * "offline", our deadline is "timeout", the caller's abort is "cancelled", and an HTTP error
 * keeps Yoto's own message (Yoto answers `{ error: { code, message } }`, e.g.
 * https://yoto.dev/api/createorupdatecontent; the sign-in server answers OAuth's
 * `{ error, error_description }`, https://yoto.dev/api/post-oauth-token).
 */
import { SIGN_IN_AGAIN, YotoError } from './yoto-error.js';

export type FetchFunction = typeof fetch;

/** Error codes of Node's network stack that mean "no way to reach the server right now". */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** `fetch` with a deadline and the caller's cancel, every failure as a YotoError. */
export async function fetchWithDeadline(
  fetchFn: FetchFunction,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<{ status: number; text: string; headers: Headers }> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  try {
    const response = await fetchFn(url, { ...init, signal: combined });
    // Reading the body is inside the deadline too: a stalled body is a stalled request.
    const text = await response.text();
    return { status: response.status, text, headers: response.headers };
  } catch (error) {
    throw networkError(error, signal, deadline, url);
  }
}

export function networkError(
  error: unknown,
  signal: AbortSignal | undefined,
  deadline: AbortSignal | undefined,
  url: string,
): YotoError {
  if (error instanceof YotoError) return error;
  if (signal?.aborted) return new YotoError('cancelled', 'The Yoto upload was cancelled.', { cause: error });
  if (deadline?.aborted) {
    return new YotoError(
      'timeout',
      `Yoto did not answer in time (${new URL(url).host}). Talemo will try again.`,
      { cause: error },
    );
  }
  const code = errorCode(error);
  if (code === undefined || OFFLINE_CODES.has(code) || error instanceof TypeError) {
    return new YotoError(
      'offline',
      `Cannot reach Yoto (${new URL(url).host}${code ? `: ${code}` : ''}). Check the internet connection; Talemo will try again.`,
      {
        cause: error,
      },
    );
  }
  return new YotoError('offline', `The connection to Yoto failed (${code}). Talemo will try again.`, {
    cause: error,
  });
}

/** The innermost `code` of an error chain (fetch wraps socket errors in `cause`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A YotoError for a non-2xx answer. `what` names the request for the message. */
export function errorFromResponse(status: number, text: string, what: string): YotoError {
  const detail = serverMessage(text);
  if (status === 401)
    return new YotoError('sign-in', `${SIGN_IN_AGAIN}${detail ? ` (Yoto said: ${detail})` : ''}`, { status });
  if (status === 429 || status >= 500) {
    return new YotoError(
      'server',
      `Yoto is busy or having trouble (${status} on ${what}${detail ? `: ${detail}` : ''}). Talemo will try again.`,
      {
        status,
      },
    );
  }
  return new YotoError('rejected', `Yoto refused ${what} (${status}${detail ? `: ${detail}` : ''}).`, {
    status,
  });
}

function serverMessage(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown; message?: unknown };
    if (body.error && typeof body.error === 'object') {
      const message = (body.error as { message?: unknown }).message;
      if (typeof message === 'string') return message;
    }
    if (typeof body.error_description === 'string') return body.error_description;
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 200);
}

/** Parses a 2xx body as JSON, or says Yoto answered something unreadable. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new YotoError('bad-response', `Yoto's answer to ${what} is not JSON.`, { cause: error });
  }
}
