/** Stories in the library that a draft resembles, each a link (the draft waits on the Create page). */
import type { DuplicateMatchPayload } from '../../../api/contract';
import { strings } from '../strings';

const t = strings.draft;

export function DraftDuplicates({
  matches,
  onOpen,
}: {
  matches: DuplicateMatchPayload[];
  onOpen: (id: string) => void;
}) {
  if (matches.length === 0) return null;
  return (
    <div className="notice notice-warn similar" data-testid="draft-duplicates">
      <p className="notice-title">{t.similarTitle}</p>
      <p>{t.similarHint}</p>
      <ul>
        {matches.map((match) => (
          <li key={match.id} className="similar-head" data-testid="draft-duplicate" data-story-id={match.id}>
            <button type="button" className="link-button" onClick={() => onOpen(match.id)}>
              {match.title}
            </button>
            <span className="similar-score">{strings.similar.score(match.score)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
