/**
 * The Yoto sign-in as Yoto documents it for desktop apps: OAuth 2 code + PKCE with a loopback
 * redirect (device-bridge/devices/yoto/yoto-auth.ts cites the pages). Talemo listens on
 * 127.0.0.1 for the one redirect, exchanges the code for tokens, and answers the parent's
 * browser tab with a short page. The listener closes after one sign-in or after `timeoutMs`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

import {
  createPkcePair,
  exchangeYotoCode,
  yotoAuthorizeUrl,
  type YotoTokens,
} from '../../../device-bridge/devices/yoto/yoto-auth';
import { TalemoError } from '../errors';
import type { YotoConnection } from './yoto-connection';

export interface LoopbackSignIn {
  /** The Yoto page the parent opens to sign in. */
  authorizeUrl: string;
  /** Resolves with the tokens once Yoto redirected back; rejects on refusal, timeout or cancel. */
  tokens: Promise<YotoTokens>;
  cancel(): void;
}

const CALLBACK_PATH = '/callback';

export async function startLoopbackSignIn(
  connection: YotoConnection,
  options: { timeoutMs?: number } = {},
): Promise<LoopbackSignIn> {
  const pkce = createPkcePair();
  const state = randomBytes(16).toString('base64url');
  let settle: { resolve(tokens: YotoTokens): void; reject(error: Error): void } | undefined;
  const tokens = new Promise<YotoTokens>((resolve, reject) => (settle = { resolve, reject }));
  // Why: a sign-in nobody finishes must not leave an unhandled rejection behind.
  tokens.catch(() => {});
  let redirectUri = '';

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CALLBACK_PATH) return page(response, 404, 'Nothing here.');
    // Why the state check: another page must not be able to sign the parent in to its own account.
    if (url.searchParams.get('state') !== state)
      return page(response, 400, 'This sign-in link is not the one Talemo opened. Start again from Talemo.');
    const refused = url.searchParams.get('error_description') ?? url.searchParams.get('error');
    const code = url.searchParams.get('code');
    if (refused || !code) {
      page(response, 400, 'Yoto did not sign you in. You can close this tab and try again from Talemo.');
      return finish(
        new TalemoError('unauthorized', `Yoto refused the sign-in${refused ? `: ${refused}` : '.'}`),
      );
    }
    exchangeYotoCode(code, pkce.verifier, redirectUri, {
      clientId: connection.clientId,
      authBaseUrl: connection.authBaseUrl,
    }).then(
      (signedIn) => {
        page(response, 200, 'Signed in to Yoto. You can close this tab and go back to Talemo.');
        finish(signedIn);
      },
      (error: unknown) => {
        page(response, 502, 'Talemo could not finish the Yoto sign-in. Close this tab and try again.');
        finish(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new TalemoError(
              'conflict',
              `The port Yoto sends the sign-in back to (${connection.redirectPort}) is busy. Close the other program using it and try again.`,
            )
          : error,
      ),
    );
    server.listen(connection.redirectPort, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : connection.redirectPort;
  redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  const timer = setTimeout(
    () => finish(new TalemoError('cancelled', 'The Yoto sign-in took too long; start it again.')),
    options.timeoutMs ?? 10 * 60_000,
  );
  timer.unref();

  function finish(outcome: YotoTokens | Error): void {
    clearTimeout(timer);
    // Node closes the idle connections too; the answer page already sent is not cut off.
    server.close();
    if (outcome instanceof Error) settle?.reject(outcome);
    else settle?.resolve(outcome);
  }

  return {
    authorizeUrl: yotoAuthorizeUrl({
      clientId: connection.clientId,
      redirectUri,
      codeChallenge: pkce.challenge,
      state,
      authBaseUrl: connection.authBaseUrl,
    }),
    tokens,
    cancel: () => finish(new TalemoError('cancelled', 'The Yoto sign-in was stopped.')),
  };
}

function page(response: ServerResponse, status: number, message: string): void {
  response
    .writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(`<!doctype html><meta charset="utf-8"><title>Talemo · Yoto</title><p>${message}</p>`);
}
