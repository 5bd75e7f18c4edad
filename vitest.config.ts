import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{desktop,device-bridge,models,cloud,bench}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'desktop/e2e/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
