/** Signing in to an existing family cloud account: server address, email, password. */
import { useState } from 'react';

import { strings } from '../strings';
import { accountErrorWords } from './account-error';
import { FIELD_MAX, TextField } from './AccountFields';
import type { AccountState } from './use-account';

const t = strings.account;

export function SignInForm({ signIn }: { signIn: AccountState['signIn'] }) {
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await signIn({ serverUrl: serverUrl.trim(), email: email.trim(), password });
    } catch (failure) {
      setError(accountErrorWords(failure, t));
      setBusy(false);
    }
  };

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
      <TextField
        label={t.serverUrl}
        type="url"
        value={serverUrl}
        onChange={setServerUrl}
        placeholder={t.serverPlaceholder}
        maxLength={FIELD_MAX.serverUrl}
        autoComplete="url"
        testId="signin-server"
      />
      <TextField
        label={t.email}
        type="email"
        value={email}
        onChange={setEmail}
        maxLength={FIELD_MAX.email}
        autoComplete="username"
        testId="signin-email"
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
