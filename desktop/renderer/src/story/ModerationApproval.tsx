/** "Approve for our family": a parent's decision on what moderation found, with the reason. */
import { useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';

const t = strings.moderation;

export function ModerationApproval({ storyId, onApproved }: { storyId: string; onApproved: () => void }) {
  const client = useClient();
  const [reason, setReason] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const approve = async (why: string): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await client.call('moderation.approve', { storyId, reason: why });
      onApproved();
    } catch (caught) {
      setError(errorMessage(caught));
      setSaving(false);
    }
  };

  return (
    <>
      {reason === null ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            data-testid="moderation-approve"
            onClick={() => setReason('')}
          >
            {t.approve}
          </button>
        </div>
      ) : (
        <form
          className="similar-decision"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void approve(reason.trim());
          }}
        >
          <label>
            {t.reasonLabel}
            <input
              type="text"
              value={reason}
              maxLength={1000}
              required
              placeholder={t.reasonPlaceholder}
              data-testid="moderation-reason"
              onChange={(event) => setReason(event.currentTarget.value)}
              autoFocus
            />
          </label>
          <button
            type="submit"
            className="button button-primary"
            data-testid="moderation-approve-confirm"
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
    </>
  );
}
