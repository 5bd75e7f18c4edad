/**
 * A finished draft: the whole story, whether the length limit cut it, what moderation found,
 * the stories it looks like, and the parent's choice: keep it, or try again.
 */
import { ModerationFindings } from '../ModerationFindings';
import { strings } from '../strings';
import { useFocusOnMount } from '../use-focus-on-mount';
import { DraftDuplicates } from './DraftDuplicates';
import { DraftText } from './DraftText';
import type { DraftState } from './use-draft-job';

const t = strings.draft;

export function DraftResult({
  result,
  onKeep,
  onRetry,
  onOpen,
}: {
  result: Extract<DraftState, { status: 'done' }>;
  onKeep: () => void;
  onRetry: () => void;
  onOpen: (id: string) => void;
}) {
  const { draft, moderation, duplicates, request, saving, saveError } = result;
  // Why: the preview (and its Stop button) just went away; the finished story is where to be.
  const title = useFocusOnMount<HTMLHeadingElement>(true);
  return (
    <article
      className="panel draft-result"
      data-testid="draft-result"
      data-job-id={result.jobId}
      aria-labelledby="draft-title"
    >
      <h3
        id="draft-title"
        className="draft-title"
        ref={title}
        tabIndex={-1}
        lang={request.language}
        data-testid="draft-title"
      >
        {draft.title}
      </h3>
      {draft.summary ? (
        <p className="story-summary" lang={request.language}>
          {draft.summary}
        </p>
      ) : null}
      {draft.truncated ? (
        <p className="notice notice-warn" data-testid="draft-truncated">
          {t.truncated}
        </p>
      ) : (
        <p className="ok-text" data-testid="draft-complete">
          {t.complete}
        </p>
      )}

      <DraftText graph={draft.graph} language={request.language} />

      {moderation ? (
        <section className="draft-check" data-testid="draft-moderation" data-status={moderation.status}>
          <h4>{t.checkTitle}</h4>
          {moderation.status === 'ok' ? (
            <p className="ok-text">{t.checkOk}</p>
          ) : (
            <div className="notice notice-warn">
              <p>{t.checkFlagged}</p>
              <ModerationFindings findings={moderation.findings} omitted={moderation.omitted} />
            </div>
          )}
        </section>
      ) : null}

      <DraftDuplicates matches={duplicates} onOpen={onOpen} />

      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="draft-keep"
          disabled={saving}
          onClick={onKeep}
        >
          {saving ? t.keeping : t.keep}
        </button>
        <button
          type="button"
          className="button"
          data-testid="draft-retry"
          disabled={saving}
          onClick={onRetry}
        >
          {t.retry}
        </button>
      </div>
      <p className="muted">
        {t.keepHint} {t.retryHint}
      </p>
      {saveError ? (
        <p className="error-text" role="alert" data-testid="draft-save-error">
          {saveError}
        </p>
      ) : null}
    </article>
  );
}
