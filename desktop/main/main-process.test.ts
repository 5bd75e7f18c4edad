/**
 * The real main process and IPC adapter, with `electron` replaced by a test double (the
 * binary cannot be installed on our machines). The contract suite then runs through the
 * handler the main process registered, with structured cloning as IPC does it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { describeContract } from '../api/contract-suite';
import type { ProgressEvent } from '../api/contract';
import { createIpcClient, IPC_CALL_CHANNEL } from '../api/ipc-client';

type Handler = (event: unknown, request: unknown) => Promise<unknown>;

const electronDouble = vi.hoisted(() => {
  const handlers = new Map<string, Handler>();
  const progressListeners = new Set<(event: ProgressEvent) => void>();
  const windows: Array<{
    options: Record<string, unknown>;
    loaded: string;
    webContents: Record<string, unknown>;
  }> = [];
  const appEvents = new Map<string, () => void>();
  class BrowserWindow {
    options: Record<string, unknown>;
    loaded = '';
    openHandler: (() => { action: string }) | null = null;
    webContents = {
      send: (channel: string, payload: ProgressEvent) => {
        if (channel === 'talemo:progress')
          for (const listener of progressListeners) listener(structuredClone(payload));
      },
      setWindowOpenHandler: (handler: () => { action: string }) => {
        this.openHandler = handler;
      },
      on: () => undefined,
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
    static getAllWindows = () => windows;
    once() {}
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
  }
  return {
    handlers,
    progressListeners,
    windows,
    appEvents,
    module: {
      app: {
        whenReady: () => Promise.resolve(),
        getVersion: () => '0.0.0-test',
        on: (name: string, listener: () => void) => appEvents.set(name, listener),
        quit: () => undefined,
      },
      ipcMain: {
        handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      BrowserWindow,
    },
  };
});

vi.mock('electron', () => ({ ...electronDouble.module, default: electronDouble.module }));

let started: Promise<Handler> | null = null;

/** Starts the real main process once; gives the `talemo:call` handler it registered. */
function startMainProcess(): Promise<Handler> {
  started ??= (async () => {
    process.env.TALEMO_DATA_DIR = mkdtempSync(join(tmpdir(), 'talemo-main-'));
    await import('./index');
    await vi.waitFor(() => expect(electronDouble.handlers.has(IPC_CALL_CHANNEL)).toBe(true));
    return electronDouble.handlers.get(IPC_CALL_CHANNEL)!;
  })();
  return started;
}

/** The page the main process loaded: what a trusted sender frame looks like. */
function trustedEvent(): unknown {
  const loaded = electronDouble.windows[0]!.loaded;
  return { senderFrame: { url: `file://${loaded}` } };
}

describe('the Electron main process', () => {
  it('should open one locked-down window: isolated, sandboxed, no Node, no pop-ups', async () => {
    await startMainProcess();
    const window = electronDouble.windows[0] as unknown as {
      options: { webPreferences: Record<string, unknown> };
      loaded: string;
      openHandler: () => { action: string };
    };
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.loaded).toMatch(/renderer[\\/]index\.html$/);
    expect(window.openHandler()).toEqual({ action: 'deny' });
  });

  it('should refuse calls from a frame it did not load', async () => {
    const handler = await startMainProcess();
    const answer = await handler(
      { senderFrame: { url: 'https://evil.example/' } },
      { method: 'app.info', input: {} },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describeContract('Electron IPC (electron test double)', async () => {
  const handler = await startMainProcess();
  const client = createIpcClient({
    call: async (method, input, jobId) =>
      structuredClone(await handler(trustedEvent(), structuredClone({ method, input, jobId }))) as never,
    onProgress: (listener) => {
      electronDouble.progressListeners.add(listener);
      return () => electronDouble.progressListeners.delete(listener);
    },
  });
  return {
    client,
    close: async () => {
      electronDouble.appEvents.get('will-quit')?.();
    },
  };
});
