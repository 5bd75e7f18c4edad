/**
 * The duplicate guard on the story shown: the stories it resembles at the library's
 * threshold, how close, and the passages that match. A parent who knows better says "not a
 * duplicate" with a reason; the pair is then never flagged again.
 */
import { useEffect, useState } from 'react';

import type { DuplicateMatchPayload } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { ReasonDecision } from '../ReasonDecision';
import { strings } from '../strings';

const t = strings.similar;

type Checked = { key: string; matches: DuplicateMatchPayload[] } | { key: string; error: string };

export function SimilarStories({
  storyId,
  version,
  onOpen,
}: {
  storyId: string;
  /** A save may change what the story resembles: checked again for each version. */
  version: number;
  onOpen: (id: string) => void;
}) {
  const client = useClient();
  const [decisions, setDecisions] = useState(0);
  const key = `${storyId}@${version}#${decisions}`;
  const [checked, setChecked] = useState<Checked | null>(null);

  useEffect(() => {
    let live = true;
    client.call('duplicates.check', { storyId }).then(
      ({ matches }) => {
        if (live) setChecked({ key, matches });
      },
      (error: unknown) => {
        if (live) setChecked({ key, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, storyId, key]);

  if (!checked) return null;
  if ('error' in checked) {
    return (
      <div className="notice notice-error" role="alert" data-testid="similar-error">
        {t.failed(checked.error)}
      </div>
    );
  }
  if (checked.matches.length === 0) return null;
  return (
    <div className="notice notice-warn similar" data-testid="similar-stories" aria-busy={checked.key !== key}>
      <p className="notice-title">{t.title(checked.matches.length)}</p>
      <p>{t.hint}</p>
      <ul>
        {checked.matches.map((match) => (
          <SimilarStory
            key={match.id}
            storyId={storyId}
            match={match}
            onOpen={onOpen}
            onDecided={() => setDecisions((n) => n + 1)}
          />
        ))}
      </ul>
    </div>
  );
}

function SimilarStory({
  storyId,
  match,
  onOpen,
  onDecided,
}: {
  storyId: string;
  match: DuplicateMatchPayload;
  onOpen: (id: string) => void;
  onDecided: () => void;
}) {
  const client = useClient();
  const passage = match.passages[0];

  return (
    <li className="similar-story" data-testid="similar-story" data-story-id={match.id}>
      <div className="similar-head">
        <button type="button" className="link-button" onClick={() => onOpen(match.id)}>
          {match.title}
        </button>
        <span className="similar-score">{t.score(match.score)}</span>
      </div>
      {passage ? (
        <blockquote className="similar-passage">
          <p>{t.thisStory(clip(passage.text))}</p>
          <p>{t.thatStory(clip(passage.otherText))}</p>
        </blockquote>
      ) : null}
      <ReasonDecision
        words={{ ...t, open: t.notDuplicate }}
        testId="not-duplicate"
        decide={async (reason) => {
          await client.call('duplicates.override', { storyId, otherId: match.id, reason });
          onDecided();
        }}
      />
    </li>
  );
}

function clip(text: string): string {
  return text.length > 180 ? `${text.slice(0, 179)}…` : text;
}
