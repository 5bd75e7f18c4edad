/**
 * The Yoto sign-in line: where it stands, and the button that opens Yoto's own sign-in page in
 * a new tab (Talemo never sees the password; Yoto hands the sign-in back to the app directly).
 */
import { useState } from 'react';

import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { strings } from '../../strings';
import type { YotoStatusPayload } from './yoto-job-line';

const t = strings.yoto.signIn;

export function YotoSignIn(props: {
  signIn: YotoStatusPayload['signIn'];
  problem: string | null;
  onChanged: () => void;
}) {
  const client = useClient();
  const [page, setPage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const start = (): void => {
    setFailure(null);
    client.call('yoto.signIn', {}).then(
      ({ authorizeUrl }) => {
        setPage(authorizeUrl);
        const opened = window.open(authorizeUrl, '_blank');
        if (opened) opened.opener = null;
        props.onChanged();
      },
      (error: unknown) => setFailure(errorMessage(error)),
    );
  };
  const signOut = (): void => {
    client
      .call('yoto.signOut', {})
      .then(props.onChanged, (error: unknown) => setFailure(errorMessage(error)));
  };

  const words =
    props.signIn === 'unavailable'
      ? t.unavailable
      : props.signIn === 'signed-out'
        ? t.signedOut
        : props.signIn === 'signing-in'
          ? t.signingIn
          : t.signedIn;
  return (
    <div className="yoto-sign-in" data-testid="yoto-sign-in" data-state={props.signIn}>
      <p role="status" data-testid="yoto-sign-in-state">
        {words}
      </p>
      {props.signIn === 'signed-out' ? (
        <button type="button" className="button" data-testid="yoto-sign-in-button" onClick={start}>
          {t.button}
        </button>
      ) : null}
      {props.signIn === 'signing-in' && page !== null ? (
        <p className="small">
          {t.popupBlocked}{' '}
          <a href={page} target="_blank" rel="noreferrer noopener" data-testid="yoto-sign-in-page">
            {t.openPage}
          </a>
        </p>
      ) : null}
      {props.signIn === 'signed-in' ? (
        <button type="button" className="button button-quiet" data-testid="yoto-sign-out" onClick={signOut}>
          {t.signOut}
        </button>
      ) : null}
      {failure !== null || (props.problem !== null && props.signIn !== 'signed-in') ? (
        <div className="notice notice-error" role="alert" data-testid="yoto-sign-in-error">
          {failure ?? props.problem}
        </div>
      ) : null}
    </div>
  );
}
