/**
 * The family's children, each with the recording consent a parent gives in plain words, and a
 * way to add one. A modal dialog (the browser's own: focus kept inside, Escape closes it),
 * opened from the story page where the consent is needed.
 */
import { useEffect, useRef, useState } from 'react';

import type { ChildProfilePayload } from '../../../../api/contract';
import { errorMessage } from '../../error-message';
import { formatDate } from '../../format';
import { strings } from '../../strings';
import { useNarration } from './NarrationContext';

const t = strings.family;

export function FamilyDialog({ onClose }: { onClose: () => void }) {
  const { profiles } = useNarration();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="family"
      aria-labelledby="family-title"
      data-testid="family-dialog"
      // Why: Escape closes the browser's dialog on its own; the page must hear of it.
      onClose={onClose}
    >
      <div className="family-head">
        <h2 id="family-title">{t.title}</h2>
        <button
          type="button"
          className="button"
          data-testid="family-close"
          // Why close() and not onClose: the browser then gives the focus back to what opened the dialog.
          onClick={() => dialog.current?.close()}
        >
          {t.close}
        </button>
      </div>
      <p className="muted">{t.intro}</p>
      {profiles === null ? (
        <p className="muted" role="status">
          {t.loading}
        </p>
      ) : profiles.length === 0 ? (
        <p className="muted" data-testid="family-empty">
          {t.empty}
        </p>
      ) : (
        <ul className="family-list">
          {profiles.map((child) => (
            <ChildConsent key={child.id} child={child} />
          ))}
        </ul>
      )}
      <AddChild />
    </dialog>
  );
}

type ConsentKind = 'recordingConsent' | 'cloudSyncConsent';

/** One child: the two consent switches, each saved as soon as it is flipped. */
function ChildConsent({ child }: { child: ChildProfilePayload }) {
  const { saveProfile } = useNarration();
  /** A switch's position while its save is on the way: it follows the hand at once. */
  const [pending, setPending] = useState<{ kind: ConsentKind; value: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const switchId = `consent-${child.id}`;
  const cloudId = `cloud-consent-${child.id}`;
  const saving = pending !== null;
  const shown = (kind: ConsentKind): boolean => (pending?.kind === kind ? pending.value : child[kind]);

  const flip = async (kind: ConsentKind, value: boolean): Promise<void> => {
    setPending({ kind, value });
    setError(null);
    try {
      await saveProfile({
        id: child.id,
        name: child.name,
        recordingConsent: child.recordingConsent,
        cloudSyncConsent: child.cloudSyncConsent,
        [kind]: value,
      });
    } catch (failure) {
      setError(t.failed(errorMessage(failure)));
    } finally {
      setPending(null);
    }
  };

  return (
    <li className="family-child" data-testid="family-child" data-profile-id={child.id}>
      <p className="family-name" data-testid="family-child-name">
        {child.name}
      </p>
      <ConsentSwitch
        id={switchId}
        testId="consent"
        checked={shown('recordingConsent')}
        disabled={saving}
        label={t.consent(child.name)}
        state={
          saving
            ? t.saving
            : child.recordingConsent
              ? t.consentOn(formatDate(child.consentChangedAt))
              : t.consentOff
        }
        onFlip={(value) => void flip('recordingConsent', value)}
      />
      <ConsentSwitch
        id={cloudId}
        testId="cloud-consent"
        checked={shown('cloudSyncConsent')}
        disabled={saving}
        label={t.cloudConsent(child.name)}
        state={child.cloudSyncConsent ? t.cloudConsentOn : t.cloudConsentOff}
        onFlip={(value) => void flip('cloudSyncConsent', value)}
      />
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** A switch with its words, and a line saying where it stands (read out when it changes). */
function ConsentSwitch(props: {
  id: string;
  testId: string;
  checked: boolean;
  disabled: boolean;
  label: string;
  state: string;
  onFlip: (value: boolean) => void;
}) {
  return (
    <>
      <div className="consent">
        <input
          id={props.id}
          type="checkbox"
          role="switch"
          className="consent-switch"
          checked={props.checked}
          disabled={props.disabled}
          aria-describedby={`${props.id}-state`}
          data-testid={`${props.testId}-switch`}
          onChange={(event) => props.onFlip(event.currentTarget.checked)}
        />
        <label htmlFor={props.id}>{props.label}</label>
      </div>
      <p className="muted" id={`${props.id}-state`} role="status" data-testid={`${props.testId}-state`}>
        {props.state}
      </p>
    </>
  );
}

function AddChild() {
  const { saveProfile } = useNarration();
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (): Promise<void> => {
    setAdding(true);
    setError(null);
    try {
      // Why off at first: consent is a separate, deliberate step, never a side effect of adding a name.
      await saveProfile({ name: name.trim(), recordingConsent: false });
      setName('');
    } catch (failure) {
      setError(t.failed(errorMessage(failure)));
    } finally {
      setAdding(false);
    }
  };

  return (
    <form
      className="family-add"
      aria-labelledby="family-add-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim() !== '') void add();
      }}
    >
      <h3 id="family-add-title">{t.addTitle}</h3>
      <div className="field-row">
        <label className="field field-grow">
          <span>{t.name}</span>
          <input
            type="text"
            value={name}
            maxLength={100}
            placeholder={t.namePlaceholder}
            data-testid="family-name"
            onChange={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="button button-primary family-add-button"
          disabled={adding || name.trim() === ''}
          data-testid="family-add"
        >
          {adding ? t.adding : t.add}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
