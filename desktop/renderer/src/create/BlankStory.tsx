/**
 * Writing a story by hand, with no model at all: a title is enough to start; the story page
 * then takes the words, the map takes the branches. The language and age come from the
 * options below, so a parent sets them once for either way of starting.
 */
import { useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';
import type { AgeRange } from '../story-types';

const t = strings.blankStory;
const MAX_TITLE = 200;

export function BlankStory({
  language,
  ageRange,
  onOpen,
}: {
  language: string;
  ageRange: AgeRange;
  onOpen: (id: string) => void;
}) {
  const client = useClient();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const story = await client.call('stories.create', { title: title.trim(), language, ageRange });
      onOpen(story.id);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <form
      className="panel blank-story"
      data-testid="blank-story"
      aria-labelledby="blank-story-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (title.trim()) void start();
      }}
    >
      <h3 id="blank-story-title">{t.title}</h3>
      <p className="muted">{t.intro}</p>
      <div className="graph-panel-row">
        <label className="field field-grow">
          <span>{t.titleLabel}</span>
          <input
            type="text"
            value={title}
            maxLength={MAX_TITLE}
            lang={language}
            placeholder={t.placeholder}
            data-testid="blank-story-name"
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="button"
          disabled={busy || !title.trim()}
          data-testid="blank-story-start"
        >
          {busy ? t.starting : t.start}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert" data-testid="blank-story-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
