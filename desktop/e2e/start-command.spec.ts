/**
 * The command a parent types: `npm start` ends in bin/start.js, which (with no Electron
 * binary here) says so and serves web mode. Run it as a real process and open what it prints.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

test('the start command prints an address that opens the library with its two examples', async ({ page }) => {
  const libraryDir = await mkdtemp(join(tmpdir(), 'talemo-start-'));
  // No --web: this is the path `npm start` takes where Electron is not installed.
  const child = spawn(process.execPath, ['bin/start.js', '--library', libraryDir], {
    env: { ...process.env, TALEMO_DATA_DIR: libraryDir },
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
        if (found) resolve(found[1]!);
      });
      child.on('exit', (code) =>
        reject(new Error(`start exited (${code}) before printing an address:\n${output}`)),
      );
    });
    expect(output).toMatch(/Electron is not installed on this machine/);
    await page.goto(url);
    await expect(page.getByTestId('story-card')).toHaveCount(2);
    await page.screenshot({ path: 'test-results/npm-start.png' });
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(libraryDir, { recursive: true, force: true });
  }
});
