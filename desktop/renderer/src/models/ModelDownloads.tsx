/**
 * Model downloads, held above the pages: a download goes on (with its progress and Stop) while
 * the parent looks elsewhere, and is never started twice for the same model.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

import { useClient } from '../client-context';
import { errorMessage, isCancelled } from '../error-message';

export interface Download {
  jobId: string;
  doneBytes: number;
  /** 0 until the first progress event says how big it is. */
  totalBytes: number;
  stopping: boolean;
}

export interface ModelDownloads {
  running: Partial<Record<string, Download>>;
  failures: Partial<Record<string, string>>;
  /** Grows each time a download ends (done, stopped or failed): the list is read again. */
  ended: number;
  install: (id: string) => void;
  stop: (id: string) => void;
  dismissFailure: (id: string) => void;
}

const ModelDownloadsContext = createContext<ModelDownloads | null>(null);

export function ModelDownloadsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [running, setRunning] = useState<Partial<Record<string, Download>>>({});
  const [failures, setFailures] = useState<Partial<Record<string, string>>>({});
  const [ended, setEnded] = useState(0);

  const update = (id: string, jobId: string, change: (download: Download) => Download | undefined): void =>
    setRunning((now) => {
      const download = now[id];
      if (download?.jobId !== jobId) return now;
      return { ...now, [id]: change(download) };
    });

  const install = (id: string): void => {
    if (running[id]) return;
    const jobId = crypto.randomUUID();
    setRunning((now) => ({ ...now, [id]: { jobId, doneBytes: 0, totalBytes: 0, stopping: false } }));
    setFailures(({ [id]: _old, ...others }) => others);
    client
      .call(
        'models.pull',
        { id },
        {
          jobId,
          onProgress: ({ done, total }) =>
            update(id, jobId, (download) => ({ ...download, doneBytes: done, totalBytes: total })),
        },
      )
      .then(
        () => undefined,
        (error: unknown) => {
          // A stopped download is no failure: the list then offers to resume it.
          if (!isCancelled(error)) setFailures((now) => ({ ...now, [id]: errorMessage(error) }));
        },
      )
      .finally(() => {
        update(id, jobId, () => undefined);
        setEnded((n) => n + 1);
      });
  };

  const stop = (id: string): void => {
    const download = running[id];
    if (!download) return;
    update(id, download.jobId, (now) => ({ ...now, stopping: true }));
    void client.call('jobs.cancel', { jobId: download.jobId }).catch(() => undefined);
  };

  const downloads: ModelDownloads = {
    running,
    failures,
    ended,
    install,
    stop,
    dismissFailure: (id) => setFailures(({ [id]: _old, ...others }) => others),
  };
  return <ModelDownloadsContext value={downloads}>{children}</ModelDownloadsContext>;
}

export function useModelDownloads(): ModelDownloads {
  const downloads = useContext(ModelDownloadsContext);
  if (!downloads) throw new Error('useModelDownloads outside of ModelDownloadsProvider');
  return downloads;
}
