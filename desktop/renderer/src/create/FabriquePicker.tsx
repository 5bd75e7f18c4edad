/** The Fabrique: a hero, a place, a companion and a theme, plus what goes wrong and what it teaches. */
import { useEffect, useRef } from 'react';

import { strings } from '../strings';
import { LIMITS, PICK_NAMES, type CreateForm } from './create-form';
import { PickGroup } from './PickGroup';

const t = strings.fabrique;

export function FabriquePicker({
  form,
  filledFromChat,
  onChange,
}: {
  form: CreateForm;
  filledFromChat: boolean;
  onChange: (change: (form: CreateForm) => CreateForm) => void;
}) {
  const filledNotice = useRef<HTMLParagraphElement>(null);
  // Why: "Use this" swapped the chat panel for this one; the focus goes where the result is.
  useEffect(() => {
    if (filledFromChat) filledNotice.current?.focus();
  }, [filledFromChat]);

  return (
    <div className="fabrique" data-testid="fabrique">
      {filledFromChat ? (
        <p
          ref={filledNotice}
          tabIndex={-1}
          className="notice notice-ok"
          role="status"
          data-testid="fabrique-filled"
        >
          {t.filledFromChat}
        </p>
      ) : (
        <p className="muted">{t.hint}</p>
      )}
      <div className="pick-groups">
        {PICK_NAMES.map((name) => (
          <PickGroup
            key={name}
            name={name}
            pick={form.picks[name]}

            onChange={(pick) => onChange((now) => ({ ...now, picks: { ...now.picks, [name]: pick } }))}
          />
        ))}
      </div>
      <div className="field-row">
        {(['problem', 'lesson'] as const).map((name) => (
          <label key={name} className="field field-grow">
            <span>{t[name]}</span>
            <input
              type="text"
              value={form[name]}
              maxLength={LIMITS.problem}
              placeholder={t[`${name}Placeholder`]}
              data-testid={`fabrique-${name}`}
              onChange={(event) => {
                const value = event.currentTarget.value;
                onChange((now) => ({ ...now, [name]: value }));
              }}
            />
          </label>
        ))}
      </div>
    </div>
  );
}
