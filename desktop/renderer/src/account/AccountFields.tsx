/** The server address and email fields both account forms ask for, with the browser's own autofill hints. */
import { useState } from 'react';

import { strings } from '../strings';
import { accountErrorWords } from './account-error';

export const FIELD_MAX = { serverUrl: 2000, email: 320 } as const;

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  type?: 'text' | 'url' | 'email' | 'password';
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
  /** A line under the field saying what goes in it. */
  hint?: string;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.hint ? <span className="muted small">{props.hint}</span> : null}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        required
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      />
    </label>
  );
}

/** The server address and email both forms ask for; `testPrefix` keeps their test ids apart. */
export function ServerAndEmailFields(props: {
  testPrefix: 'signin' | 'signup';
  serverUrl: string;
  onServerUrl: (value: string) => void;
  email: string;
  onEmail: (value: string) => void;
}) {
  const t = strings.account;
  return (
    <>
      <TextField
        label={t.serverUrl}
        type="url"
        value={props.serverUrl}
        onChange={props.onServerUrl}
        placeholder={t.serverPlaceholder}
        maxLength={FIELD_MAX.serverUrl}
        autoComplete="url"
        testId={`${props.testPrefix}-server`}
      />
      <TextField
        label={t.email}
        type="email"
        value={props.email}
        onChange={props.onEmail}
        maxLength={FIELD_MAX.email}
        autoComplete="username"
        testId={`${props.testPrefix}-email`}
      />
    </>
  );
}

/**
 * A form's sending state: busy while the core answers, and the core's refusal in words. The
 * button stays busy after a success because the page then shows the signed-in panel instead.
 */
export function useAccountSubmit(send: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await send();
    } catch (failure) {
      setError(accountErrorWords(failure, strings.account));
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}
