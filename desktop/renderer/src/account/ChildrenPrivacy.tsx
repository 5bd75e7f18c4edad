/**
 * What leaves this computer of the children's voices, in plain words, with each child's two
 * consents as they stand. Changed in the Family dialog on a story's narration part (where the
 * recording happens), so this page only reads them.
 */
import { useEffect, useState } from 'react';

import type { ChildProfilePayload } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';

const t = strings.account;

function childLine(child: ChildProfilePayload): string {
  if (!child.recordingConsent) return t.childNotRecorded(child.name);
  return child.cloudSyncConsent ? t.childCloud(child.name) : t.childLocal(child.name);
}

export function ChildrenPrivacy() {
  const client = useClient();
  const [children, setChildren] = useState<ChildProfilePayload[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.call('profiles.list', {}).then(
      (result) => {
        if (live) setChildren(result.profiles);
      },
      (failure: unknown) => {
        if (live) setError(errorMessage(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  return (
    <section className="account-card" aria-labelledby="account-privacy-title" data-testid="account-privacy">
      <h3 id="account-privacy-title">{t.privacyTitle}</h3>
      <p>{t.privacy}</p>
      {error ? (
        <p className="error-text" role="alert">
          {t.childrenFailed(error)}
        </p>
      ) : children === null ? null : children.length === 0 ? (
        <p className="muted" data-testid="privacy-no-child">
          {t.privacyNone}
        </p>
      ) : (
        <ul className="account-children">
          {children.map((child) => (
            <li key={child.id} data-testid="privacy-child">
              {childLine(child)}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t.privacyHow(strings.narration.family)}</p>
    </section>
  );
}
