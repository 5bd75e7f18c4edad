/**
 * Browser tests of the real app: each test starts the local web server (desktop/web) on a
 * fresh library and drives the built renderer (out/renderer, from `npm run build`) in
 * Debian's Chromium. No browser is ever downloaded.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'desktop/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    // Why off: the trace recorder fetch()es blob: pictures, which the page's CSP (rightly) refuses,
    // and the tests fail on any CSP refusal. `npx playwright test --trace on` still works to debug.
    trace: 'off',
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Why: MediaRecorder gets a fake microphone (a beep) and no permission prompt, for the recording tests.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
});
