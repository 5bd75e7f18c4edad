/** Where the draft shows under the form: forming, stopped, failed, or finished. */
import { strings } from '../strings';
import { useCreateSession } from './CreateSession';
import { DraftProgress } from './DraftProgress';
import { DraftResult } from './DraftResult';
import { NoModelNotice } from './NoModelNotice';

const t = strings.draft;
const MODEL_CODES = new Set(['no-model', 'model-unusable']);

export function DraftPanel({ onOpen, onModels }: { onOpen: (id: string) => void; onModels: () => void }) {
  const { draft } = useCreateSession();
  const { state } = draft;

  switch (state.status) {
    case 'idle':
      return null;
    case 'drafting':
      return (
        <DraftProgress
          preview={state.preview}
          language={state.request.language}
          stopping={state.stopping}
          onStop={draft.stop}
        />
      );
    case 'stopped':
      return (
        <div className="notice" role="status" data-testid="draft-stopped">
          <p className="notice-title">{t.stopped}</p>
          <AgainOrDismiss
            label={t.again}
            onAgain={() => draft.write(state.request)}
            onDismiss={draft.dismiss}
          />
        </div>
      );
    case 'failed':
      return state.code !== null && MODEL_CODES.has(state.code) ? (
        <NoModelNotice code={state.code} message={state.message} onModels={onModels} />
      ) : (
        <div className="notice notice-error" role="alert" data-testid="draft-error">
          <p className="notice-title">{t.failed}</p>
          <p data-testid="draft-error-message">{state.message}</p>
          <AgainOrDismiss
            label={t.retry}
            onAgain={() => draft.write(state.request)}
            onDismiss={draft.dismiss}
          />
        </div>
      );
    case 'done':
      return (
        <DraftResult
          result={state}
          onKeep={() => {
            void draft.keep().then((id) => {
              if (id) onOpen(id);
            });
          }}
          onRetry={() => draft.write(state.request)}
          onOpen={onOpen}
        />
      );
  }
}

/** After a stopped or failed draft: write it again, or put the notice away. */
function AgainOrDismiss({
  label,
  onAgain,
  onDismiss,
}: {
  label: string;
  onAgain: () => void;
  onDismiss: () => void;
}) {
  return (
    <div className="actions">
      <button type="button" className="button" data-testid="draft-again" onClick={onAgain}>
        {label}
      </button>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}
