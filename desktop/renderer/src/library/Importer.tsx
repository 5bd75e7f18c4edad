import { useRef, useState } from 'react';

import type { ProgressEvent } from '../../../api/contract';
import type { StorySummary } from '../story-types';
import { useClient } from '../client-context';
import { errorMessage, isCancelled } from '../error-message';
import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';

const t = strings.importer;

type ImportState =
  | { status: 'idle' }
  | { status: 'working'; fileName: string; jobId: string; progress: ProgressEvent | null }
  /** duplicateOf: the title of the story it looks like, if any. */
  | { status: 'done'; story: StorySummary; duplicateOf: string | null }
  | { status: 'failed'; fileName: string; message: string }
  | { status: 'cancelled'; fileName: string };

/** Picks a STUdio zip, sends it to the core with progress, and says plainly how it went. */
export function Importer({ onImported, onOpen }: { onImported: () => void; onOpen: (id: string) => void }) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ status: 'idle' });

  function requestStop(jobId: string): void {
    // The core also honours a Stop that arrives before the job has started (still uploading).
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  }

  async function importFile(file: File): Promise<void> {
    const jobId = crypto.randomUUID();
    setState({ status: 'working', fileName: file.name, jobId, progress: null });
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      const result = await client.call(
        'studio.import',
        { fileName: file.name, data },
        {
          jobId,
          onProgress: (progress) =>
            setState((now) => (now.status === 'working' ? { ...now, progress } : now)),
        },
      );
      // A byte-identical pack is always a copy, even one with no words for the guard to compare.
      const duplicateOf =
        result.duplicates[0]?.title ?? (result.duplicateOf !== null ? result.story.title : null);
      setState({ status: 'done', story: result.story, duplicateOf });
      onImported();
    } catch (error) {
      setState(
        isCancelled(error)
          ? { status: 'cancelled', fileName: file.name }
          : { status: 'failed', fileName: file.name, message: errorMessage(error) },
      );
    } finally {
      // Why: picking the same file again must fire another change event.
      if (input.current) input.current.value = '';
    }
  }

  const working = state.status === 'working';
  return (
    <div className="importer">
      <label className={`button${working ? ' is-disabled' : ''}`}>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          className="visually-hidden"
          data-testid="import-input"
          disabled={working}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void importFile(file);
          }}
        />
        {t.button}
      </label>
      {state.status === 'working' ? (
        <div className="notice" data-testid="import-progress" role="status">
          <p>{t.working(state.fileName)}</p>
          <ProgressBar
            label={state.progress ? t.phase(state.progress.phase) : t.working(state.fileName)}
            done={state.progress?.done ?? 0}
            total={state.progress?.total ?? 0}
          />
          <button
            type="button"
            className="button button-quiet"
            data-testid="import-cancel"
            onClick={() => requestStop(state.jobId)}
          >
            {t.cancel}
          </button>
        </div>
      ) : null}
      {state.status === 'cancelled' ? (
        <div className="notice" data-testid="import-cancelled" role="status">
          <p>{t.cancelled(state.fileName)}</p>
          <button type="button" className="button button-quiet" onClick={() => setState({ status: 'idle' })}>
            {t.dismiss}
          </button>
        </div>
      ) : null}
      {state.status === 'done' ? (
        <div className="notice notice-ok" data-testid="import-done" role="status">
          <p>{t.done(state.story.title)}</p>
          {state.duplicateOf !== null ? (
            <p data-testid="import-duplicate">{t.duplicate(state.duplicateOf)}</p>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="button"
              data-testid="import-open"
              onClick={() => onOpen(state.story.id)}
            >
              {t.open}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setState({ status: 'idle' })}
            >
              {t.dismiss}
            </button>
          </div>
        </div>
      ) : null}
      {state.status === 'failed' ? (
        <div className="notice notice-error" data-testid="import-error" role="alert">
          <p className="notice-title">{t.failed(state.fileName)}</p>
          <p data-testid="import-error-message">{state.message}</p>
          <button type="button" className="button button-quiet" onClick={() => setState({ status: 'idle' })}>
            {t.dismiss}
          </button>
        </div>
      ) : null}
    </div>
  );
}
