import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, loadConfig } from './config.js';
import { defaultDataDir } from './data-dir.js';

describe('configuration from the environment', () => {
  it('needs nothing: port 8787, PGlite in the user data folder, rate limits on, no Google or Apple', () => {
    const config = loadConfig({ HOME: '/home/ann' });
    expect(config.port).toBe(DEFAULT_PORT);
    expect(DEFAULT_PORT).toBe(8787);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(defaultDataDir({ HOME: '/home/ann' })));
    expect(config.rateLimit).toMatchObject({ max: 600, authMax: 30 });
    expect(config.oidc).toEqual({ google: undefined, apple: undefined });
  });

  it('reads PORT, CLOUD_DATA_DIR, DATABASE_URL and the providers', () => {
    const config = loadConfig({
      PORT: '9000',
      CLOUD_DATA_DIR: 'rel/dir',
      DATABASE_URL: 'postgres://u@h/db',
      GOOGLE_CLIENT_ID: 'web.apps, ios.apps',
      APPLE_CLIENT_ID: 'org.talemo',
      APPLE_JWKS_URL: 'http://127.0.0.1:1/jwks',
      CLOUD_RATE_LIMIT: '0',
    });
    expect(config).toMatchObject({
      port: 9000,
      dataDir: path.resolve('rel/dir'),
      databaseUrl: 'postgres://u@h/db',
      rateLimit: false,
    });
    expect(config.oidc.google).toEqual({
      audiences: ['web.apps', 'ios.apps'],
      issuers: ['https://accounts.google.com', 'accounts.google.com'],
      jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
    });
    expect(config.oidc.apple?.jwksUrl).toBe('http://127.0.0.1:1/jwks');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: PORT must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/between 0 and 65535/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
  });

  it('puts data where each platform keeps per-user data', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'talemo-cloud'));
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toContain(
      'talemo-cloud',
    );
    expect(defaultDataDir({}, 'darwin')).toContain(
      path.join('Library', 'Application Support', 'talemo-cloud'),
    );
  });
});
