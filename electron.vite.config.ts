import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('desktop/main/index.ts'),
          // Its own file: the neural embedder starts it as a worker thread.
          'embed-worker': resolve('models/embed/embed-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve('desktop/preload/index.ts') },
        // Why CommonJS: a sandboxed preload (sandbox: true) cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('desktop/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('desktop/renderer/index.html') } },
    },
  },
});
