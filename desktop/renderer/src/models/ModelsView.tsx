/**
 * The models page: every model Talemo can use, by what it does, with what it needs and what is
 * installed; the story-writing model that suits this computer stands out, with the reason.
 */
import { useEffect, useState } from 'react';

import type { MethodOutput } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { formatBytes } from '../format';
import { PageHeader } from '../PageHeader';
import { strings } from '../strings';
import { ModelCard } from './ModelCard';
import { useModelDownloads } from './ModelDownloads';

const t = strings.models;
type Shelf = MethodOutput<'models.list'>;
type Listed = { key: string; shelf: Shelf } | { key: string; error: string };

/** The catalogue's kinds, in the order a parent meets them. */
const KINDS = ['llm', 'embedding', 'tts', 'stt'] as const;

export function ModelsView({ onBack }: { onBack: () => void }) {
  const client = useClient();
  const { ended } = useModelDownloads();
  const [removals, setRemovals] = useState(0);
  const key = `${ended}#${removals}`;
  const [listed, setListed] = useState<Listed | null>(null);

  useEffect(() => {
    let live = true;
    client.call('models.list', {}).then(
      (shelf) => {
        if (live) setListed({ key, shelf });
      },
      (error: unknown) => {
        if (live) setListed({ key, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, key]);

  const shelf = listed && 'shelf' in listed ? listed.shelf : null;
  const recommended = shelf?.models.find((model) => model.id === shelf.recommendation.modelId) ?? null;

  return (
    <section className="models" data-testid="models-view" aria-labelledby="models-title">
      <PageHeader titleId="models-title" title={t.title} intro={t.intro} onBack={onBack} />

      {listed === null ? (
        <p className="muted" role="status">
          {t.loading}
        </p>
      ) : 'error' in listed ? (
        <div className="notice notice-error" role="alert" data-testid="models-error">
          {listed.error}
        </div>
      ) : null}

      {shelf ? (
        <>
          <p className="muted" data-testid="models-hardware">
            {t.hardware(
              formatBytes(shelf.hardware.totalRamBytes),
              shelf.hardware.cpuCores,
              shelf.hardware.gpu,
            )}
          </p>
          <div
            className={`notice ${recommended ? 'notice-ok' : 'notice-warn'}`}
            data-testid="models-recommendation"
          >
            <p className="notice-title">
              {recommended ? t.recommendedTitle(recommended.name) : t.noRecommendation}
            </p>
            <p>{shelf.recommendation.reason}</p>
          </div>
          <p className="muted" data-testid="models-drafting">
            {shelf.drafting ? t.draftingWith(shelf.drafting.file, shelf.drafting.source) : t.draftingNone}
          </p>
          {KINDS.map((kind) => {
            const models = shelf.models.filter((model) => model.kind === kind);
            if (models.length === 0) return null;
            const kindWords = t.kinds[kind] ?? { title: kind, hint: '' };
            return (
              <section
                key={kind}
                className="model-group"
                data-testid={`model-group-${kind}`}
                aria-labelledby={`model-group-${kind}`}
              >
                <h3 id={`model-group-${kind}`}>{kindWords.title}</h3>
                <p className="muted">{kindWords.hint}</p>
                <ul className="model-list">
                  {models.map((model) => (
                    <ModelCard
                      key={model.id}
                      model={model}
                      recommendation={model.id === recommended?.id ? shelf.recommendation.reason : null}
                      onRemoved={() => setRemovals((n) => n + 1)}
                    />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      ) : null}
    </section>
  );
}
