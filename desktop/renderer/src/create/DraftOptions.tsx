/** Who the story is for and its shape: language, age, length, choices and tone. */
import { AGE_CHOICES } from '../age-choices';
import { languageName } from '../format';
import { SelectField } from '../SelectField';
import type { AgeRange } from '../story-types';
import { strings } from '../strings';
import {
  CHOICE_POINTS,
  DRAFT_LANGUAGES,
  DRAFT_LENGTHS,
  LIMITS,
  type ChoicePoints,
  type CreateForm,
  type DraftLength,
} from './create-form';

const t = strings.create;

export function DraftOptions({
  form,
  onChange,
}: {
  form: CreateForm;
  onChange: (change: (form: CreateForm) => CreateForm) => void;
}) {
  const set = <K extends keyof CreateForm>(name: K, value: CreateForm[K]): void =>
    onChange((now) => ({ ...now, [name]: value }));
  return (
    <fieldset className="panel draft-options" data-testid="draft-options">
      <legend className="panel-legend">{t.optionsTitle}</legend>
      <div className="filters">
        <SelectField
          label={t.language}
          value={form.language}
          choices={DRAFT_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
          onChange={(value) => set('language', value)}
          testId="draft-language"
        />
        <SelectField
          label={t.age}
          value={form.ageRange}
          choices={AGE_CHOICES}
          onChange={(value) => set('ageRange', value as AgeRange)}
          testId="draft-age"
        />
        <SelectField
          label={t.length}
          value={form.length}
          choices={DRAFT_LENGTHS.map((length) => ({ value: length, label: t.lengths[length] ?? length }))}
          onChange={(value) => set('length', value as DraftLength)}
          testId="draft-length"
        />
        <SelectField
          label={t.choices}
          value={String(form.choicePoints)}
          choices={CHOICE_POINTS.map((points) => ({
            value: String(points),
            label: t.choicePoints[points] ?? String(points),
          }))}
          onChange={(value) => set('choicePoints', Number(value) as ChoicePoints)}
          testId="draft-choices"
        />
        <label className="field field-grow">
          <span>{t.tone}</span>
          <input
            type="text"
            value={form.tone}
            maxLength={LIMITS.tone}
            placeholder={t.tonePlaceholder}
            data-testid="draft-tone"
            onChange={(event) => set('tone', event.currentTarget.value)}
          />
        </label>
      </div>
    </fieldset>
  );
}
