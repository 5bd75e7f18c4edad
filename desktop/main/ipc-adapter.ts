/**
 * The contract over Electron IPC: one `talemo:call` handler that hands each request to the
 * dispatcher (which validates it), and progress events forwarded to every window.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';

import type { ProgressEvent } from '../api/contract';
import type { Dispatcher } from '../api/dispatcher';
import { IPC_CALL_CHANNEL, IPC_PROGRESS_CHANNEL } from '../api/ipc-client';

export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
  windows: () => WebContents[],
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, request: unknown) => {
    // Why: a frame we did not load (an iframe, a navigated page) must not reach the core.
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'This page may not use Talemo.' } };
    }
    if (!request || typeof request !== 'object') {
      return { ok: false, error: { code: 'invalid-input', message: 'Malformed request.' } };
    }
    const { method, input, jobId } = request as { method?: unknown; input?: unknown; jobId?: unknown };
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid-input', message: 'Malformed request: no method.' } };
    }
    return dispatcher.dispatch(method, input, typeof jobId === 'string' ? jobId : undefined);
  });
  const forward = (progress: ProgressEvent): void => {
    for (const contents of windows()) contents.send(IPC_PROGRESS_CHANNEL, progress);
  };
  dispatcher.events.on('progress', forward);
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    dispatcher.events.off('progress', forward);
  };
}
