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

export async function startDesktopApp(): Promise<void> {
  await app.whenReady();
  const core = await TalemoCore.open(defaultDataDir(), {
    modelFolder: embedModelFromEnv(),
    // The build emits the worker threads beside this file (electron.vite.config.ts).
    workerUrl: new URL('./embed-worker.js', import.meta.url),
    llmWorkerUrl: new URL('./llm-worker.js', import.meta.url),
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
