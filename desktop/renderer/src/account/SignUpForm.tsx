/** A new account, starting a new family or school on the server, or joining one with an invitation code. */
import { useState } from 'react';

import { strings } from '../strings';
import { ServerAndEmailFields, TextField, useAccountSubmit } from './AccountFields';
import type { AccountState } from './use-account';

const t = strings.account;

/** The contract's own floor (account.signUp): checked here first so the parent hears it before a round trip. */
export const MIN_PASSWORD = 12;

type Kind = 'family' | 'school' | 'invited';

export function SignUpForm({ signUp }: { signUp: AccountState['signUp'] }) {
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [kind, setKind] = useState<Kind>('family');
  const [name, setName] = useState('');
  const [invitation, setInvitation] = useState('');
  const {
    busy,
    error,
    setError,
    submit: send,
  } = useAccountSubmit(() =>
    signUp({
      serverUrl: serverUrl.trim(),
      email: email.trim(),
      password,
      ...(kind === 'invited' ? { invitation: invitation.trim() } : { tenant: { kind, name: name.trim() } }),
    }),
  );
  const submit = async (): Promise<void> => {
    if (password.length < MIN_PASSWORD) return setError(t.passwordTooShort(MIN_PASSWORD));
    await send();
  };

  return (
    <form
      className="account-form"
      aria-labelledby="account-signup-title"
      data-testid="account-signup"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id="account-signup-title">{t.signUpTitle}</h3>
      <p className="muted">{t.signUpIntro}</p>
      <ServerAndEmailFields
        testPrefix="signup"
        serverUrl={serverUrl}
        onServerUrl={setServerUrl}
        email={email}
        onEmail={setEmail}
      />
      <TextField
        label={t.newPassword}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        testId="signup-password"
      />
      <fieldset className="account-kind">
        <legend>{t.kind}</legend>
        {(['family', 'school', 'invited'] as const).map((choice) => (
          <label key={choice} className="account-kind-choice">
            <input
              type="radio"
              name="account-kind"
              value={choice}
              checked={kind === choice}
              data-testid={`signup-kind-${choice}`}
              onChange={() => setKind(choice)}
            />
            {choice === 'family' ? t.kindFamily : choice === 'school' ? t.kindSchool : t.kindInvited}
          </label>
        ))}
      </fieldset>
      {kind === 'invited' ? (
        <TextField
          label={t.invitationCode}
          hint={t.invitationHint}
          value={invitation}
          onChange={setInvitation}
          maxLength={4000}
          autoComplete="off"
          testId="signup-invitation"
        />
      ) : (
        <TextField
          label={t.groupName}
          value={name}
          onChange={setName}
          placeholder={t.groupPlaceholder}
          maxLength={200}
          autoComplete="organization"
          testId="signup-name"
        />
      )}
      {error ? (
        <p className="error-text" role="alert" data-testid="signup-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="signup-submit">
        {busy ? t.signingUp : t.signUp}
      </button>
    </form>
  );
}
