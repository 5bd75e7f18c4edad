import { useEffect, useMemo, useState } from 'react';

import type { ListQuery, MethodOutput } from '../../../api/contract';
import type { AgeRange, StorySummary } from '../story-types';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { languageChoices, languageName } from '../format';
import { strings } from '../strings';
import { useDebounced } from '../use-debounced';
import { AGE_CHOICES } from '../age-choices';
import { SelectField } from '../SelectField';
import { Importer } from './Importer';
import { SearchIndexStatus } from './SearchIndexStatus';
import { lookAlikesById, type LookAlike } from './DuplicateWarning';
import { StoryCard } from './StoryCard';

const t = strings.library;
const SEARCH_DELAY_MS = 250;
const DURATION_STEPS_MIN = [5, 10, 20, 30, 60] as const;

interface Filters {
  language: string;
  ageRange: AgeRange | '';
  tag: string;
  maxMinutes: string;
}

const NO_FILTERS: Filters = { language: '', ageRange: '', tag: '', maxMinutes: '' };

interface Shown {
  story: StorySummary;
  snippet?: string;
}

interface Results {
  key: string;
  items: Shown[];
  error: string | null;
}

function toListQuery(filters: Filters): ListQuery {
  const query: ListQuery = {};
  if (filters.language) query.language = filters.language;
  if (filters.ageRange) query.ageRange = filters.ageRange;
  if (filters.tag) query.tags = [filters.tag];
  if (filters.maxMinutes) query.maxDurationSec = Number(filters.maxMinutes) * 60;
  return query;
}

export function LibraryView({
  onOpen,
  onCreate,
  onModels,
}: {
  onOpen: (id: string) => void;
  onCreate: () => void;
  onModels: () => void;
}) {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** Grows when the library changes under us (an import), so both lists are fetched again. */
  const [revision, setRevision] = useState(0);
  const [facets, setFacets] = useState<MethodOutput<'stories.facets'> | null>(null);
  const [results, setResults] = useState<Results | null>(null);

  const lookAlikes = useLookAlikes(revision);
  const settledQuery = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const key = JSON.stringify([settledQuery, filters, revision]);

  // What the whole library holds: for the theme and language pickers and the empty state.
  useEffect(() => {
    let live = true;
    client.call('stories.facets', {}).then(
      (found) => {
        if (live) setFacets(found);
      },
      () => undefined, // Why: the results list below shows the same error.
    );
    return () => {
      live = false;
    };
  }, [client, revision]);

  useEffect(() => {
    let live = true;
    const listQuery = toListQuery(filters);
    const request: Promise<Shown[]> = settledQuery
      ? client
          .call('stories.search', { ...listQuery, query: settledQuery })
          .then((hits) => hits.map((hit) => ({ story: hit.story, snippet: hit.snippet })))
      : client.call('stories.list', listQuery).then((stories) => stories.map((story) => ({ story })));
    request.then(
      (items) => {
        if (live) setResults({ key, items, error: null });
      },
      (error: unknown) => {
        if (live) setResults({ key, items: [], error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, key, settledQuery, filters]);

  const tags = facets?.tags ?? [];
  const languages = useMemo(() => languageChoices(facets?.languages ?? []), [facets]);

  const fresh = results?.key === key;
  const filtering = query.trim() !== '' || JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const libraryEmpty = facets !== null && facets.total === 0;
  const setFilter = <K extends keyof Filters>(name: K, value: Filters[K]) =>
    setFilters((now) => ({ ...now, [name]: value }));

  return (
    <section className="library" data-testid="library" aria-labelledby="library-title">
      <div className="library-head">
        <div>
          <h2 id="library-title">{t.title}</h2>
          {results && !results.error ? (
            <p className="muted" data-testid="result-count" aria-live="polite">
              {t.count(results.items.length)}
            </p>
          ) : null}
        </div>
        <div className="library-actions" role="group" aria-label={t.actionsLabel}>
          <button
            type="button"
            className="button button-primary"
            data-testid="create-story"
            onClick={onCreate}
          >
            <span aria-hidden="true">✎</span> {t.createButton}
          </button>
          <Importer onImported={() => setRevision((n) => n + 1)} onOpen={onOpen} />
          <button type="button" className="button button-quiet" data-testid="open-models" onClick={onModels}>
            {t.modelsButton}
          </button>
        </div>
      </div>

      <SearchIndexStatus />

      <div className="finder" role="search">
        <label className="search">
          <span className="visually-hidden">{t.searchLabel}</span>
          <input
            type="search"
            value={query}
            placeholder={t.searchPlaceholder}
            onChange={(event) => setQuery(event.currentTarget.value)}
            data-testid="search-input"
            aria-label={t.searchLabel}
            maxLength={500}
          />
        </label>
        <div className="filters" aria-label={t.filtersLabel}>
          <SelectField
            label={t.language}
            value={filters.language}
            anyLabel={t.anyLanguage}
            choices={languages.map((code) => ({ value: code, label: languageName(code) }))}
            onChange={(value) => setFilter('language', value)}
            testId="filter-language"
          />
          <SelectField
            label={t.age}
            value={filters.ageRange}
            anyLabel={t.anyAge}
            choices={AGE_CHOICES}
            onChange={(value) => setFilter('ageRange', value as AgeRange | '')}
            testId="filter-age"
          />
          <SelectField
            label={t.tag}
            value={filters.tag}
            anyLabel={t.anyTag}
            choices={tags.map((tag) => ({ value: tag, label: tag }))}
            onChange={(value) => setFilter('tag', value)}
            testId="filter-tag"
          />
          <SelectField
            label={t.maxDuration}
            value={filters.maxMinutes}
            anyLabel={t.anyDuration}
            choices={DURATION_STEPS_MIN.map((minutes) => ({
              value: String(minutes),
              label: t.upToMinutes(minutes),
            }))}
            onChange={(value) => setFilter('maxMinutes', value)}
            testId="filter-duration"
          />
          {filtering ? (
            <button
              type="button"
              className="button button-quiet"
              data-testid="clear-filters"
              onClick={() => {
                setQuery('');
                setFilters(NO_FILTERS);
              }}
            >
              {t.clearFilters}
            </button>
          ) : null}
        </div>
      </div>

      {results === null ? (
        <p className="muted" role="status">
          {t.loading}
        </p>
      ) : results.error ? (
        <div className="notice notice-error" role="alert" data-testid="library-error">
          {results.error}
        </div>
      ) : results.items.length === 0 && fresh ? (
        libraryEmpty && !filtering ? (
          <div className="empty" data-testid="library-empty">
            <h3>{t.emptyTitle}</h3>
            <p>{t.emptyBody}</p>
          </div>
        ) : (
          <div className="empty" data-testid="library-no-results">
            <h3>{t.noResultsTitle}</h3>
            <p>{t.noResultsBody}</p>
          </div>
        )
      ) : (
        <ul className="cards" data-testid="story-list" aria-busy={!fresh}>
          {results.items.map((item) => (
            <StoryCard
              key={item.story.id}
              story={item.story}
              snippet={item.snippet}
              lookAlikes={lookAlikes.byId.get(item.story.id)}
              onOpen={onOpen}
              onDuplicateDecided={lookAlikes.refresh}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The library's flagged pairs by story, fetched again when the library changes or a parent
 * says "not a duplicate". A failure shows no warnings rather than an error: the warnings only
 * advise, and the grid (fetched beside them) reports a core that does not answer.
 */
function useLookAlikes(revision: number): { byId: Map<string, LookAlike[]>; refresh: () => void } {
  const client = useClient();
  const [decisions, setDecisions] = useState(0);
  const [byId, setById] = useState<Map<string, LookAlike[]>>(() => new Map());
  useEffect(() => {
    let live = true;
    client.call('duplicates.list', {}).then(
      ({ pairs }) => {
        if (live) setById(lookAlikesById(pairs));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, revision, decisions]);
  return { byId, refresh: () => setDecisions((count) => count + 1) };
}
