/**
 * The duplicate guard on the story shown: the stories it resembles at the library's
 * threshold, how close, and the passages that match. A parent who knows better says "not a
 * duplicate" with a reason; the pair is then never flagged again.
 */
import { useEffect, useState } from 'react';

import type { DuplicateMatchPayload } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';

const t = strings.similar;

type Checked = { key: string; matches: DuplicateMatchPayload[] } | { key: string; error: string };

export function SimilarStories({
  storyId,
  version,
  onOpen,
}: {
  storyId: string;
  /** A save may change what the story resembles: checked again for each version. */
  version: number;
  onOpen: (id: string) => void;
}) {
  const client = useClient();
  const [decisions, setDecisions] = useState(0);
  const key = `${storyId}@${version}#${decisions}`;
  const [checked, setChecked] = useState<Checked | null>(null);

  useEffect(() => {
    let live = true;
    client.call('duplicates.check', { storyId }).then(
      ({ matches }) => {
        if (live) setChecked({ key, matches });
      },
      (error: unknown) => {
        if (live) setChecked({ key, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, storyId, key]);

  if (!checked) return null;
  if ('error' in checked) {
    return (
      <div className="notice notice-error" role="alert" data-testid="similar-error">
        {t.failed(checked.error)}
      </div>
    );
  }
  if (checked.matches.length === 0) return null;
  return (
    <div className="notice notice-warn similar" data-testid="similar-stories" aria-busy={checked.key !== key}>
      <p className="notice-title">{t.title(checked.matches.length)}</p>
      <p>{t.hint}</p>
      <ul>
        {checked.matches.map((match) => (
          <SimilarStory
            key={match.id}
            storyId={storyId}
            match={match}
            onOpen={onOpen}
            onDecided={() => setDecisions((n) => n + 1)}
          />
        ))}
      </ul>
    </div>
  );
}

function SimilarStory({
  storyId,
  match,
  onOpen,
  onDecided,
}: {
  storyId: string;
  match: DuplicateMatchPayload;
  onOpen: (id: string) => void;
  onDecided: () => void;
}) {
  const client = useClient();
  const [reason, setReason] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passage = match.passages[0];

  const decide = async (why: string): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await client.call('duplicates.override', { storyId, otherId: match.id, reason: why });
      onDecided();
    } catch (caught) {
      setError(errorMessage(caught));
      setSaving(false);
    }
  };

  return (
    <li className="similar-story" data-testid="similar-story" data-story-id={match.id}>
      <div className="similar-head">
        <button type="button" className="link-button" onClick={() => onOpen(match.id)}>
          {match.title}
        </button>
        <span className="similar-score">{t.score(match.score)}</span>
      </div>
      {passage ? (
        <blockquote className="similar-passage">
          <p>{t.thisStory(clip(passage.text))}</p>
          <p>{t.thatStory(clip(passage.otherText))}</p>
        </blockquote>
      ) : null}
      {reason === null ? (
        <button type="button" className="button" data-testid="not-duplicate" onClick={() => setReason('')}>
          {t.notDuplicate}
        </button>
      ) : (
        <form
          className="similar-decision"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void decide(reason.trim());
          }}
        >
          <label>
            {t.reasonLabel}
            <input
              type="text"
              value={reason}
              maxLength={1000}
              placeholder={t.reasonPlaceholder}
              data-testid="not-duplicate-reason"
              onChange={(event) => setReason(event.currentTarget.value)}
              autoFocus
            />
          </label>
          <button
            type="submit"
            className="button button-primary"
            data-testid="not-duplicate-confirm"
            disabled={saving || reason.trim() === ''}
          >
            {saving ? t.saving : t.confirm}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setReason(null)}>
            {t.cancel}
          </button>
        </form>
      )}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function clip(text: string): string {
  return text.length > 180 ? `${text.slice(0, 179)}…` : text;
}
