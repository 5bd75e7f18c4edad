/**
 * On a library card: the stories the duplicate guard says this one resembles, each a link that
 * opens it, and the parent's "Not a duplicate" (with a reason), after which the pair is never
 * flagged again. The story page (story/SimilarStories.tsx) shows the matching passages.
 */
import type { MethodOutput } from '../../../api/contract';
import { useClient } from '../client-context';
import { ReasonDecision } from '../ReasonDecision';
import { strings } from '../strings';

const t = strings.libraryDuplicates;
const similar = strings.similar;

type Pair = MethodOutput<'duplicates.list'>['pairs'][number];

/** A story the card's story resembles, with how close. */
export interface LookAlike {
  id: string;
  title: string;
  score: number;
}

/** The look-alikes of every flagged story, both ways round, best first (the list is sorted). */
export function lookAlikesById(pairs: readonly Pair[]): Map<string, LookAlike[]> {
  const byId = new Map<string, LookAlike[]>();
  const add = (id: string, other: LookAlike): void => {
    byId.set(id, [...(byId.get(id) ?? []), other]);
  };
  for (const { a, b, score } of pairs) {
    add(a.id, { ...b, score });
    add(b.id, { ...a, score });
  }
  return byId;
}

export function DuplicateWarning({
  storyId,
  title,
  lookAlikes,
  onOpen,
  onDecided,
}: {
  storyId: string;
  title: string;
  lookAlikes: readonly LookAlike[];
  onOpen: (id: string) => void;
  onDecided: () => void;
}) {
  const client = useClient();
  return (
    <ul className="card-duplicates" data-testid="card-duplicates" aria-label={t.warningLabel(title)}>
      {lookAlikes.map((other) => (
        <li key={other.id} className="card-duplicate" data-testid="card-duplicate" data-story-id={other.id}>
          <p>
            <span aria-hidden="true">⚠ </span>
            {t.looksLike}{' '}
            <button
              type="button"
              className="link-button"
              data-testid="card-duplicate-open"
              aria-label={t.openOther(other.title)}
              onClick={() => onOpen(other.id)}
            >
              {other.title}
            </button>{' '}
            <span className="similar-score">({similar.score(other.score)})</span>
          </p>
          <ReasonDecision
            words={{ ...similar, open: similar.notDuplicate }}
            testId="card-not-duplicate"
            decide={async (reason) => {
              await client.call('duplicates.override', { storyId, otherId: other.id, reason });
              onDecided();
            }}
          />
        </li>
      ))}
    </ul>
  );
}
