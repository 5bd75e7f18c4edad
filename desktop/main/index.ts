/**
 * Electron main process: opens the library, wires the contract to IPC, opens the window.
 * The library folder is the one the CLI and web mode use (TALEMO_DATA_DIR overrides it).
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

import { app, BrowserWindow, ipcMain } from 'electron';

import { createDispatcher } from '../api/dispatcher';
import { defaultDataDir } from '../core/data-dir';
import { embedModelFromEnv } from '../core/embedder-choice';
import { TalemoCore } from '../core/talemo-core';
import { registerIpcHandlers } from './ipc-adapter';
import { lockDown, mainWindowOptions, rendererEntry } from './main-window';

/**
 * A worker thread's script in the built app, where electron-vite emits it beside this file
 * (electron.vite.config.ts); run from source (tests), the core's own .ts workers are used.
 */
function builtWorker(name: string): URL | undefined {
  return import.meta.url.endsWith('.ts') ? undefined : new URL(`./${name}.js`, import.meta.url);
}

export async function startDesktopApp(): Promise<void> {
  await app.whenReady();
  const core = await TalemoCore.open(defaultDataDir(), {
    modelFolder: embedModelFromEnv(),
    workerUrl: builtWorker('embed-worker'),
    llmWorkerUrl: builtWorker('llm-worker'),
    piperWorkerUrl: builtWorker('piper-worker'),
    whisperWorkerUrl: builtWorker('whisper-worker'),
    backgroundSync: true,
  });
  const dispatcher = createDispatcher(core, { version: app.getVersion(), mode: 'electron' });
  const entry = rendererEntry(import.meta.dirname);
  const appUrl = pathToFileURL(entry).href;
  const unregister = registerIpcHandlers(
    ipcMain,
    dispatcher,
    () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    (event) => event.senderFrame?.url.startsWith(appUrl) === true,
  );

  const openWindow = (): void => {
    const window = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')));
    lockDown(window, appUrl);
    void window.loadFile(entry);
  };
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unregister();
    core.close();
  });
}

void startDesktopApp();
