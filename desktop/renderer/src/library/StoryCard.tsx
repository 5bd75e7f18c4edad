import type { StorySummary } from '../story-types';
import { usePictureUrl } from '../asset-url';
import { languageName } from '../format';
import { strings } from '../strings';
import { DuplicateWarning, type LookAlike } from './DuplicateWarning';

const t = strings.library;

/** "a [word] here" → text with the bracketed words in <mark>, built as nodes (never HTML). */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[[^\]]*\])/g).filter(Boolean);
  return (
    <p className="card-snippet" data-testid="story-card-snippet">
      {parts.map((part, index) =>
        part.startsWith('[') && part.endsWith(']') ? <mark key={index}>{part.slice(1, -1)}</mark> : part,
      )}
    </p>
  );
}

export function Badges({
  story,
}: {
  story: Pick<StorySummary, 'language' | 'ageRange' | 'durationSec' | 'aiGenerated'>;
}) {
  return (
    <div className="badges">
      {story.aiGenerated ? (
        <span className="badge badge-ai" data-testid="badge-ai">
          {strings.badges.ai}
        </span>
      ) : null}
      <span className={`badge badge-lang badge-lang-${story.language}`} data-testid="badge-language">
        {languageName(story.language)}
      </span>
      <span className="badge" data-testid="badge-age">
        {strings.badges.age(story.ageRange)}
      </span>
      <span className="badge" data-testid="badge-duration">
        {strings.badges.duration(story.durationSec)}
      </span>
    </div>
  );
}

export function StoryCard({
  story,
  snippet,
  lookAlikes = [],
  onOpen,
  onDuplicateDecided,
}: {
  story: StorySummary;
  snippet?: string | undefined;
  /** The stories the duplicate guard says this one resembles (none: no warning). */
  lookAlikes?: readonly LookAlike[] | undefined;
  onOpen: (id: string) => void;
  onDuplicateDecided?: (() => void) | undefined;
}) {
  const cover = usePictureUrl(story.coverImage);
  return (
    <li className="card" data-testid="story-card" data-story-id={story.id} lang={story.language}>
      <div className="card-cover">
        {cover ? (
          <img src={cover} alt="" data-testid="story-card-cover" />
        ) : (
          <span className="card-cover-empty">{story.coverImage ? '' : t.noCover}</span>
        )}
      </div>
      <div className="card-body">
        <h3 className="card-title">
          {/* Why a button stretched over the card (see .card-open::after): the whole card is one big target, yet the markup stays valid. */}
          <button
            type="button"
            className="card-open"
            data-testid="story-card-title"
            onClick={() => onOpen(story.id)}
            aria-label={t.openStory(story.title)}
          >
            {story.title}
          </button>
        </h3>
        <Badges story={story} />
        {snippet ? <Snippet text={snippet} /> : null}
        {lookAlikes.length > 0 ? (
          <DuplicateWarning
            storyId={story.id}
            title={story.title}
            lookAlikes={lookAlikes}
            onOpen={onOpen}
            onDecided={() => onDuplicateDecided?.()}
          />
        ) : null}
        {story.summary ? (
          <p className="card-summary" data-testid="story-card-summary">
            {story.summary}
          </p>
        ) : null}
        {story.tags.length > 0 ? (
          <ul className="chips" aria-label={strings.story.tags}>
            {story.tags.map((tag) => (
              <li key={tag} className="chip" data-testid="story-card-tag">
                {tag}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}
