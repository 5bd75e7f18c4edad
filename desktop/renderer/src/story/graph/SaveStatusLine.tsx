/** What the autosave is doing, said politely to screen readers as it changes. */
import { strings } from '../../strings';
import type { SaveStatus } from './use-graph-draft';

const t = strings.graph;

export function SaveStatusLine({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const text = status.kind === 'failed' ? t.status.failed(status.reason) : t.status[status.kind];
  return (
    <span
      className={`graph-save graph-save-${status.kind}`}
      data-testid="graph-save-status"
      data-status={status.kind}
    >
      <span role="status" aria-live="polite">
        {text}
      </span>
      {status.kind === 'failed' ? (
        <button type="button" className="button button-quiet" data-testid="graph-retry" onClick={onRetry}>
          {t.retry}
        </button>
      ) : null}
    </span>
  );
}
