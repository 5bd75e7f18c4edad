import { AGE_CHOICES } from '../age-choices';
import { SelectField } from '../SelectField';
import type { AgeRange, Story, StoryChanges } from '../story-types';
import { languageChoices, languageName } from '../format';
import { strings } from '../strings';

const t = strings.story;

export interface DetailsDraft {
  title: string;
  summary: string;
  language: string;
  ageRange: AgeRange;
  tagsText: string;
}

export function detailsOf(story: Story): DetailsDraft {
  return {
    title: story.title,
    summary: story.summary,
    language: story.language,
    ageRange: story.ageRange,
    tagsText: story.tags.join(', '),
  };
}

/** "a, b ,, a" → ["a", "b"]: trimmed, no blanks, no repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export function detailsChanges(draft: DetailsDraft): StoryChanges {
  return {
    title: draft.title.trim(),
    summary: draft.summary,
    language: draft.language,
    ageRange: draft.ageRange,
    tags: parseTags(draft.tagsText),
  };
}

export function DetailsForm({
  story,
  draft,
  saving,
  justSaved,
  onDraft,
  onSave,
}: {
  story: Story;
  draft: DetailsDraft | null;
  saving: boolean;
  justSaved: boolean;
  onDraft: (draft: DetailsDraft) => void;
  onSave: (draft: DetailsDraft) => void;
}) {
  const saved = detailsOf(story);
  const form = draft ?? saved;
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  const set = <K extends keyof DetailsDraft>(name: K, value: DetailsDraft[K]) =>
    onDraft({ ...form, [name]: value });

  return (
    <form
      className="panel details"
      data-testid="details-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (dirty && form.title.trim()) onSave(form);
      }}
    >
      <h3>{t.details}</h3>
      <label className="field field-wide">
        <span>{t.title}</span>
        <input
          value={form.title}
          maxLength={200}
          required
          lang={form.language}
          onChange={(event) => set('title', event.currentTarget.value)}
          data-testid="meta-title"
        />
      </label>
      <label className="field field-wide">
        <span>{t.summary}</span>
        <textarea
          value={form.summary}
          rows={3}
          maxLength={5000}
          lang={form.language}
          onChange={(event) => set('summary', event.currentTarget.value)}
          data-testid="meta-summary"
        />
      </label>
      <div className="field-row">
        <SelectField
          label={t.language}
          value={form.language}
          choices={languageChoices([story.language]).map((code) => ({
            value: code,
            label: languageName(code),
          }))}
          onChange={(value) => set('language', value)}
          testId="meta-language"
        />
        <SelectField
          label={t.age}
          value={form.ageRange}
          choices={AGE_CHOICES}
          onChange={(value) => set('ageRange', value as AgeRange)}
          testId="meta-age"
        />
        <label className="field field-grow">
          <span>{t.tags}</span>
          <input
            value={form.tagsText}
            placeholder={t.tagsHint}
            onChange={(event) => set('tagsText', event.currentTarget.value)}
            data-testid="meta-tags"
          />
        </label>
      </div>
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={!dirty || saving || !form.title.trim()}
          data-testid="meta-save"
        >
          {saving ? t.saving : t.saveDetails}
        </button>
        {dirty ? (
          <span className="muted">{t.unsaved}</span>
        ) : justSaved ? (
          <span className="ok-text" role="status" data-testid="meta-saved">
            ✓ {t.saved}
          </span>
        ) : null}
      </div>
    </form>
  );
}
