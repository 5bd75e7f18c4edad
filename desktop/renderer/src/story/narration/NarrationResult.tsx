/** How the last reading went: what it did page by page (counted), or why it stopped. */
import { strings } from '../../strings';
import { summaryParts } from './narration-summary';
import type { NarrateState } from './use-narrate-job';

const t = strings.narration;

export function NarrationResult({ state, onDismiss }: { state: NarrateState; onDismiss: () => void }) {
  switch (state.status) {
    case 'idle':
    case 'reading':
      return null;
    case 'stopped':
      return (
        <div className="notice" role="status" data-testid="narration-stopped">
          <p>{t.stopped}</p>
          <Dismiss onDismiss={onDismiss} />
        </div>
      );
    case 'failed':
      return (
        <div className="notice notice-error" role="alert" data-testid="narration-failed">
          <p className="notice-title">{t.failed}</p>
          <p data-testid="narration-failed-message">{state.message}</p>
          <Dismiss onDismiss={onDismiss} />
        </div>
      );
    case 'done':
      return (
        <div className="notice notice-ok" role="status" data-testid="narration-summary">
          <p className="notice-title">{t.done}</p>
          <ul className="narration-outcomes">
            {summaryParts(state.counts).map(({ outcome, count }) => (
              <li key={outcome} data-testid="narration-outcome" data-outcome={outcome}>
                {t.pages(count)} {t.outcomes[outcome] ?? outcome}
              </li>
            ))}
          </ul>
          {state.counts.kept > 0 && !state.replaced ? <p className="muted">{t.keptHint}</p> : null}
          <Dismiss onDismiss={onDismiss} />
        </div>
      );
  }
}

function Dismiss({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" className="button button-quiet" onClick={onDismiss}>
      {t.dismiss}
    </button>
  );
}
