/**
 * A parent's decision that needs a reason ("Not a duplicate", "Approve for our family"): a
 * button opens a one-line form; the reason is required; saving and errors are shown in place.
 */
import { useState } from 'react';

import { errorMessage } from './error-message';

export interface ReasonDecisionWords {
  open: string;
  reasonLabel: string;
  reasonPlaceholder: string;
  confirm: string;
  saving: string;
  cancel: string;
}

export function ReasonDecision({
  words,
  testId,
  decide,
}: {
  words: ReasonDecisionWords;
  /** Prefix of the test ids: `<testId>`, `<testId>-reason`, `<testId>-confirm`. */
  testId: string;
  /** Records the decision; the caller refreshes what it shows once it resolves. */
  decide: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (why: string): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await decide(why);
    } catch (caught) {
      setError(errorMessage(caught));
      setSaving(false);
    }
  };

  return (
    <>
      {reason === null ? (
        <div className="actions">
          <button type="button" className="button" data-testid={testId} onClick={() => setReason('')}>
            {words.open}
          </button>
        </div>
      ) : (
        <form
          className="similar-decision"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void submit(reason.trim());
          }}
        >
          <label>
            {words.reasonLabel}
            <input
              type="text"
              value={reason}
              maxLength={1000}
              required
              placeholder={words.reasonPlaceholder}
              data-testid={`${testId}-reason`}
              onChange={(event) => setReason(event.currentTarget.value)}
              autoFocus
            />
          </label>
          <button
            type="submit"
            className="button button-primary"
            data-testid={`${testId}-confirm`}
            disabled={saving || reason.trim() === ''}
          >
            {saving ? words.saving : words.confirm}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setReason(null)}>
            {words.cancel}
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
