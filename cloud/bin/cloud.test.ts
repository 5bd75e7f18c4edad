// `npm run cloud` as acceptance checks run it: a real process, configured only by environment,
// on PGlite in CLOUD_DATA_DIR. It answers health and OpenAPI, stops cleanly on SIGTERM, and a
// restart finds the same data and the same signing secret.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'talemo-cloud-bin-'));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloud/bin/cloud.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
  });
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm run cloud (tsx cloud/bin/cloud.ts)', () => {
  it('starts with no set-up, serves health and OpenAPI, stops on SIGTERM, and keeps its data', async () => {
    const env = { CLOUD_DATA_DIR: dataDir, PORT: '0', CLOUD_ARGON2_MEMORY_KIB: '1024' };
    const first = await start(env);
    expect(await (await fetch(`${first.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${first.url}/ready`)).json()).toMatchObject({
      status: 'ready',
      engine: 'pglite',
    });
    const openapi = (await (await fetch(`${first.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toContain('/stories/{id}');
    const signup = await fetch(`${first.url}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'bin@example.test',
        password: 'long enough words',
        tenant: { kind: 'family', name: 'Bins' },
      }),
    });
    expect(signup.status).toBe(201);
    const { accessToken } = (await signup.json()) as { accessToken: string };
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Stopped.');
    expect(first.output()).not.toContain('bin@example.test');
    expect(readdirSync(dataDir).sort()).toEqual(['assets', 'pglite', 'secrets']);

    const second = await start(env);
    const me = await fetch(`${second.url}/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'bin@example.test' });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it('refuses a bad setting with a message naming it, and exit code 1', async () => {
    await expect(start({ CLOUD_DATA_DIR: dataDir, PORT: 'eighty' })).rejects.toThrow(/Bad setting PORT/);
  }, 30_000);
});
