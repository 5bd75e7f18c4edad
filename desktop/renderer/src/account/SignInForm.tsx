/** Signing in to an existing family cloud account: server address, email, password. */
import { useState } from 'react';

import { strings } from '../strings';
import { ServerAndEmailFields, TextField, useAccountSubmit } from './AccountFields';
import type { AccountState } from './use-account';

const t = strings.account;

export function SignInForm({ signIn }: { signIn: AccountState['signIn'] }) {
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useAccountSubmit(() =>
    signIn({ serverUrl: serverUrl.trim(), email: email.trim(), password }),
  );

  return (
    <form
      className="account-form"
      aria-labelledby="account-signin-title"
      data-testid="account-signin"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id="account-signin-title">{t.signInTitle}</h3>
      <p className="muted">{t.signInIntro}</p>
      <ServerAndEmailFields
        testPrefix="signin"
        serverUrl={serverUrl}
        onServerUrl={setServerUrl}
        email={email}
        onEmail={setEmail}
      />
      <TextField
        label={t.password}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        testId="signin-password"
      />
      {error ? (
        <p className="error-text" role="alert" data-testid="signin-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="signin-submit">
        {busy ? t.signingIn : t.signIn}
      </button>
    </form>
  );
}
