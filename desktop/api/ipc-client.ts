/**
 * The contract over Electron IPC, through the `window.talemo` bridge the preload exposes.
 * The bridge is deliberately tiny (call + progress subscription): no raw ipcRenderer.
 */
import {
  ContractError,
  type Envelope,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type ProgressEvent,
  type TalemoClient,
} from './contract';

export const IPC_CALL_CHANNEL = 'talemo:call';
export const IPC_PROGRESS_CHANNEL = 'talemo:progress';

/** What the preload puts on `window.talemo`. */
export interface TalemoBridge {
  call(method: string, input: unknown, jobId?: string): Promise<Envelope<unknown>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}

export function createIpcClient(bridge: TalemoBridge): TalemoClient {
  return {
    async call<M extends MethodName>(
      method: M,
      input: MethodInput<M>,
      options?: { jobId?: string; onProgress?: (event: ProgressEvent) => void },
    ): Promise<MethodOutput<M>> {
      const jobId = options?.jobId ?? (options?.onProgress ? crypto.randomUUID() : undefined);
      const onProgress = options?.onProgress;
      const unsubscribe =
        jobId && onProgress
          ? bridge.onProgress((event) => {
              if (event.jobId === jobId) onProgress(event);
            })
          : undefined;
      try {
        const envelope = (await bridge.call(method, input, jobId)) as Envelope<MethodOutput<M>>;
        if (!envelope.ok) throw new ContractError(envelope.error);
        return envelope.value;
      } finally {
        unsubscribe?.();
      }
    },
  };
}
