/**
 * Inviting someone: pick their role (each explained), get a one-time code to pass on. The code is
 * shown here once, with a Copy button, and never stored by this page; Done clears it.
 */
import { useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { SelectField } from '../SelectField';
import { strings } from '../strings';
import { inviteRoles, roleWords, type FamilyOverview } from './family-words';
import { formatSyncTime } from './sync-status-words';

const t = strings.familyCloud;

export function InviteForm({
  family,
  onInvited,
}: {
  family: FamilyOverview;
  onInvited: () => Promise<void>;
}) {
  const client = useClient();
  const roles = inviteRoles(family.family.kind, family.you.profile);
  const [role, setRole] = useState(roles[0] ?? 'kids_listen_only');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ token: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const chosen = roleWords(role, role, t);

  const invite = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const { token, expiresAt } = await client.call('account.invite', { profile: role });
      setMade({ token, expiresAt });
      await onInvited();
    } catch (failure) {
      setError(errorMessage(failure));
    }
    setBusy(false);
  };

  const copy = async (token: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // No clipboard permission (a plain browser tab): the code stays selectable on screen.
    }
  };

  return (
    <form
      className="account-form family-invite"
      aria-labelledby="family-invite-title"
      data-testid="family-invite"
      onSubmit={(event) => {
        event.preventDefault();
        void invite();
      }}
    >
      <h4 id="family-invite-title">{t.inviteTitle}</h4>
      <p className="muted">{t.inviteIntro}</p>
      <SelectField
        label={t.inviteRole}
        value={role}
        choices={roles.map((value) => ({ value, label: roleWords(value, value, t).name }))}
        onChange={setRole}
        testId="family-invite-role"
      />
      {chosen.does ? <p className="muted">{chosen.does}</p> : null}
      <button
        type="submit"
        className="button button-primary"
        disabled={busy}
        data-testid="family-invite-submit"
      >
        {busy ? t.inviting : t.inviteButton}
      </button>
      {error ? (
        <p className="error-text" role="alert" data-testid="family-invite-error">
          {error}
        </p>
      ) : null}
      {made ? (
        <div className="family-code" role="status" data-testid="family-invite-code">
          <p className="account-status-headline">{t.inviteCodeTitle}</p>
          <textarea
            readOnly
            value={made.token}
            aria-label={t.inviteCodeTitle}
            rows={3}
            data-testid="family-invite-token"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p>{t.inviteCodeOnce(formatSyncTime(made.expiresAt, strings.locale))}</p>
          <div className="account-actions">
            <button type="button" className="button" onClick={() => void copy(made.token)}>
              {copied ? t.copied : t.copy}
            </button>
            <button
              type="button"
              className="button"
              data-testid="family-invite-done"
              onClick={() => setMade(null)}
            >
              {t.done}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
