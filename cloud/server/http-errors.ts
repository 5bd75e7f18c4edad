// Errors a request can end with. Each carries its HTTP status, a stable machine code and a
// message a parent could read; the error handler (error-handler.ts) sends {error, message}.
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, code = 'invalid_request') {
    super(400, code, message);
  }
}

/** 401: no token, a bad one, or an expired one. The WWW-Authenticate header says which (RFC 6750). */
export class UnauthorizedError extends HttpError {
  constructor(message: string, code = 'invalid_token') {
    super(401, code, message, { 'www-authenticate': `Bearer error="invalid_token"` });
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string, code = 'forbidden') {
    super(403, code, message);
  }
}

/** 404. Also what another tenant's rows look like: they do not exist for you. */
export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

export class GoneError extends HttpError {
  constructor(message: string, code = 'gone') {
    super(410, code, message);
  }
}

/** 423: this account is locked for a while after repeated failed sign-ins. */
export class LockedError extends HttpError {
  constructor(message: string, retryAfterSeconds: number) {
    super(423, 'account_locked', message, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** 429: too many requests (or failed sign-ins) from this address. */
export class TooManyRequestsError extends HttpError {
  constructor(message: string, retryAfterSeconds: number, code = 'rate_limited') {
    super(429, code, message, { 'retry-after': String(retryAfterSeconds) });
  }
}

export class NotConfiguredError extends HttpError {
  constructor(message: string) {
    super(501, 'not_configured', message);
  }
}

/** "in N minutes" / "in N seconds", for lockout and rate-limit messages. */
export function inWords(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.max(1, Math.ceil(seconds))} seconds`;
}
