/**
 * The draft while the model writes it: the title, then the paragraphs as they come (a choice's
 * options as "→ label"), read out politely to a screen reader, with a Stop that is always there.
 */
import type { DraftPreviewPayload } from '../../../api/contract';
import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';

const t = strings.draft;

export function DraftProgress({
  preview,
  language,
  stopping,
  onStop,
}: {
  preview: DraftPreviewPayload | null;
  language: string;
  stopping: boolean;
  onStop: () => void;
}) {
  const paragraphs = preview?.paragraphs ?? [];
  return (
    <div className="panel draft-live" data-testid="draft-progress">
      <div className="draft-live-bar">
        <ProgressBar label={preview ? t.writing(paragraphs.length) : t.starting} done={0} total={0} />
        <button
          type="button"
          className="button"
          data-testid="draft-stop"
          disabled={stopping}
          // Why: "Write it" went disabled under the finger; the next key press should reach Stop.
          autoFocus
          onClick={onStop}
        >
          {stopping ? t.stopping : t.stop}
        </button>
      </div>
      <div
        className="draft-text"
        lang={language}
        aria-live="polite"
        aria-label={t.previewLabel}
        data-testid="draft-preview"
      >
        {preview ? (
          <h3 className="draft-title" data-testid="draft-preview-title">
            {preview.title || <span className="muted">{t.titlePending}</span>}
          </h3>
        ) : null}
        {preview?.summary ? <p className="story-summary">{preview.summary}</p> : null}
        {paragraphs.map((paragraph, index) => (
          <p
            key={index}
            className={paragraph.startsWith('→ ') ? 'draft-option' : undefined}
            data-testid="draft-preview-paragraph"
          >
            {paragraph}
          </p>
        ))}
      </div>
    </div>
  );
}
