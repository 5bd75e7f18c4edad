/**
 * The family's data on the cloud, for an admin: download all of it (the cloud's zip of JSON files
 * and recordings), or erase it for good once the family's name is typed as shown. What each does
 * and what stays is said before the button.
 */
import { useState } from 'react';

import { useClient } from '../client-context';
import { downloadBytes } from '../download';
import { errorMessage } from '../error-message';
import { strings } from '../strings';
import { eraseNameMatches, type FamilyOverview } from './family-words';
import type { Account } from './use-account';

const t = strings.familyCloud;

export function FamilyData({
  family,
  onErased,
}: {
  family: FamilyOverview;
  onErased: (account: Account) => void;
}) {
  return (
    <section className="account-card" aria-labelledby="family-data-title" data-testid="family-data">
      <h3 id="family-data-title">{t.dataTitle}</h3>
      {family.rights.exportData || family.rights.eraseData ? (
        <>
          {family.rights.exportData ? <ExportPart /> : null}
          {family.rights.eraseData ? <ErasePart familyName={family.family.name} onErased={onErased} /> : null}
        </>
      ) : (
        <p className="muted" data-testid="family-data-admin-only">
          {t.adminOnly}
        </p>
      )}
    </section>
  );
}

function ExportPart() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { fileName, data } = await client.call('account.exportData', {});
      downloadBytes(data, fileName, 'application/zip');
      setDone(t.exported(fileName));
    } catch (failure) {
      setError(errorMessage(failure));
    }
    setBusy(false);
  };

  return (
    <div className="family-part">
      <p>{t.exportIntro}</p>
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="family-export"
        onClick={() => void download()}
      >
        {busy ? t.exporting : t.exportButton}
      </button>
      {done ? (
        <p role="status" data-testid="family-exported">
          {done}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" role="alert" data-testid="family-export-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ErasePart({ familyName, onErased }: { familyName: string; onErased: (account: Account) => void }) {
  const client = useClient();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = eraseNameMatches(typed, familyName);

  const erase = async (): Promise<void> => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const { account } = await client.call('account.eraseData', { familyName: typed });
      onErased(account);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <form
      className="family-part family-erase"
      aria-labelledby="family-erase-title"
      data-testid="family-erase"
      onSubmit={(event) => {
        event.preventDefault();
        void erase();
      }}
    >
      <h4 id="family-erase-title">{t.eraseTitle}</h4>
      <p>{t.eraseIntro}</p>
      <p>{t.eraseKeeps}</p>
      <label className="field">
        <span>{t.eraseType(familyName)}</span>
        <input
          type="text"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          aria-describedby={ready ? undefined : 'family-erase-hint'}
          data-testid="family-erase-name"
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
      </label>
      {ready ? null : (
        <p id="family-erase-hint" className="muted">
          {t.eraseNotYet}
        </p>
      )}
      <button
        type="submit"
        className="button button-danger"
        disabled={!ready || busy}
        data-testid="family-erase-submit"
      >
        {busy ? t.erasing : t.eraseButton}
      </button>
      {error ? (
        <p className="error-text" role="alert" data-testid="family-erase-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
