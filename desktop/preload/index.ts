/**
 * The only door from the renderer to the app: `window.talemo`, with a call and a progress
 * subscription. No ipcRenderer, no Node, nothing else crosses the context boundary.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import type { ProgressEvent } from '../api/contract';
import { IPC_CALL_CHANNEL, IPC_PROGRESS_CHANNEL, type TalemoBridge } from '../api/ipc-client';

const bridge: TalemoBridge = {
  call: (method, input, jobId) => ipcRenderer.invoke(IPC_CALL_CHANNEL, { method, input, jobId }),
  onProgress: (listener) => {
    const handler = (_event: IpcRendererEvent, progress: ProgressEvent): void => listener(progress);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_PROGRESS_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('talemo', bridge);
