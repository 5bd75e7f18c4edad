/** One of the Fabrique's questions: picture cards to pick from, or the parent's own idea. */
import { strings } from '../strings';
import { LIMITS, type Pick, type PickName } from './create-form';

const t = strings.fabrique;

export function PickGroup({
  name,
  pick,
  onChange,
}: {
  name: PickName;
  pick: Pick;
  onChange: (pick: Pick) => void;
}) {
  const legend = t.legends[name];
  return (
    <fieldset className="pick-group" data-testid={`pick-${name}`}>
      <legend>{legend}</legend>
      <div className="pick-cards">
        {t.choices[name].map((choice) => {
          const chosen = pick.card === choice.word;
          return (
            <button
              key={choice.word}
              type="button"
              className="pick-card"
              aria-pressed={chosen}
              data-testid="pick-card"
              // A second press takes the pick back; a card replaces any idea typed under "Other…".
              onClick={() => onChange(chosen ? { card: null, other: '' } : { card: choice.word, other: '' })}
            >
              <span className="pick-emoji" aria-hidden="true">
                {choice.emoji}
              </span>
              <span className="pick-word">{choice.word}</span>
            </button>
          );
        })}
      </div>
      <label className="field pick-other">
        <span aria-hidden="true">{t.other}</span>
        <input
          type="text"
          value={pick.other}
          maxLength={LIMITS.pick}
          placeholder={t.otherPlaceholder}
          aria-label={t.otherLabel(legend)}
          data-testid={`pick-${name}-other`}
          onChange={(event) => onChange({ card: null, other: event.currentTarget.value })}
        />
      </label>
    </fieldset>
  );
}
