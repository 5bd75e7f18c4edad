/**
 * The app window, locked down: the renderer is treated as untrusted web content. It gets
 * no Node, runs sandboxed and isolated, may not open windows or navigate away, and reaches
 * the core only through the preload's `window.talemo` bridge.
 */
import { join } from 'node:path';

import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Talemo',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  };
}

export function lockDown(window: BrowserWindowType, appUrl: string): void {
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appUrl)) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
}

/** Where the built renderer lives next to the built main process (out/main → out/renderer). */
export function rendererEntry(mainDir: string): string {
  return join(mainDir, '../renderer/index.html');
}
