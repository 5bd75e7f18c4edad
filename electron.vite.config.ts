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
          // Their own files: the neural embedder, the drafting model, Piper voices and Whisper
          // start them as worker threads.
          'embed-worker': resolve('models/embed/embed-worker.ts'),
          'llm-worker': resolve('models/llm/llm-worker.ts'),
          'piper-worker': resolve('models/speech/piper-worker.ts'),
          'whisper-worker': resolve('models/speech/whisper-worker.ts'),
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
