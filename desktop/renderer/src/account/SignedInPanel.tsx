/** Who is signed in and with which family, the sync status in words (read every few seconds), Sync now and Sign out. */
import { useState } from 'react';

import { errorMessage } from '../error-message';
import { strings } from '../strings';
import { formatSyncTime, syncStatusWords } from './sync-status-words';
import type { Account, AccountState } from './use-account';
import { useSyncStatus } from './use-sync-status';

const t = strings.account;

export function SignedInPanel({ account, signOut }: { account: Account; signOut: AccountState['signOut'] }) {
  const sync = useSyncStatus();
  const [leaving, setLeaving] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const words = sync.status
    ? syncStatusWords(sync.status, t, (iso) => formatSyncTime(iso, strings.locale))
    : null;

  const leave = async (): Promise<void> => {
    setLeaving(true);
    setSignOutError(null);
    try {
      await signOut();
    } catch (failure) {
      setSignOutError(errorMessage(failure));
      setLeaving(false);
    }
  };

  return (
    <section
      className="account-card"
      aria-labelledby="account-signed-in-title"
      data-testid="account-signed-in"
    >
      <h3 id="account-signed-in-title">{t.signedInTitle}</h3>
      <dl className="account-facts">
        <dt>{t.who}</dt>
        <dd data-testid="account-email">{account.email}</dd>
        {account.tenantName ? (
          <>
            <dt>{t.group}</dt>
            <dd data-testid="account-group">{account.tenantName}</dd>
          </>
        ) : null}
        <dt>{t.server}</dt>
        <dd data-testid="account-server">{account.serverUrl}</dd>
      </dl>

      <h4>{t.statusTitle}</h4>
      <div
        className={`account-status account-status-${words?.tone ?? 'busy'}`}
        data-testid="sync-status"
        data-state={sync.status?.state ?? 'loading'}
      >
        <p role="status" className="account-status-headline" data-testid="sync-headline">
          {words?.headline ?? t.loading}
        </p>
        {words?.details.map((line) => (
          <p key={line} className="muted" data-testid="sync-detail">
            {line}
          </p>
        ))}
        {words?.hint ? <p className="muted">{words.hint}</p> : null}
      </div>
      {sync.error ? (
        <p className="error-text" role="alert" data-testid="sync-error">
          {sync.error}
        </p>
      ) : null}

      <div className="account-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={sync.syncing || leaving}
          data-testid="sync-now"
          onClick={() => void sync.syncNow()}
        >
          {sync.syncing ? t.syncingNow : t.syncNow}
        </button>
        <button
          type="button"
          className="button"
          disabled={leaving}
          data-testid="sign-out"
          onClick={() => void leave()}
        >
          {leaving ? t.signingOut : t.signOut}
        </button>
      </div>
      <p className="muted">{t.signOutHint}</p>
      {signOutError ? (
        <p className="error-text" role="alert">
          {signOutError}
        </p>
      ) : null}
    </section>
  );
}
