// A stand-in for Google's or Apple's sign-in (a third-party cloud, so a fake is allowed): it
// generates a key pair in the test, serves the public key as a JWKS from a local HTTP server,
// and signs ID tokens the way the provider would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface FakeProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched (jose caches it). */
  fetches(): number;
  idToken(
    claims: { sub: string; email?: string; email_verified?: boolean | string; nonce?: string },
    options?: IdTokenOptions,
  ): Promise<string>;
  close(): Promise<void>;
}

export interface IdTokenOptions {
  audience?: string;
  issuer?: string;
  expiresInSeconds?: number;
  /** Sign with a key that is not in the JWKS. */
  foreignKey?: boolean;
}

export async function startFakeProvider(
  issuer: string,
  audience: string,
  clock: () => Date = () => new Date(),
): Promise<FakeProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    fetches: () => fetches,
    idToken: (claims, options = {}) => {
      const key: CryptoKey = options.foreignKey ? foreign.privateKey : privateKey;
      const now = Math.floor(clock().getTime() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 600))
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
