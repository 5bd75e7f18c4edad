/**
 * One model: what it is for, its languages and licence, what it weighs and needs, and whether
 * it is here. Install downloads it with progress in bytes and a Stop; a stopped download
 * resumes where it was; Remove asks first.
 */
import { useState } from 'react';

import type { ModelPayload } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { formatBytes, languageName } from '../format';
import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';
import { useModelDownloads } from './ModelDownloads';

const t = strings.models;

export function ModelCard({
  model,
  recommendation,
  onRemoved,
}: {
  model: ModelPayload;
  /** Why this computer suits it, when it is the recommended one. */
  recommendation: string | null;
  onRemoved: () => void;
}) {
  const client = useClient();
  const downloads = useModelDownloads();
  const download = downloads.running[model.id];
  const failure = downloads.failures[model.id];
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const remove = async (): Promise<void> => {
    setRemoving(true);
    setRemoveError(null);
    try {
      await client.call('models.remove', { id: model.id });
      setConfirming(false);
      onRemoved();
    } catch (error) {
      setRemoveError(errorMessage(error));
    } finally {
      setRemoving(false);
    }
  };

  const total = download?.totalBytes || model.downloadBytes || 0;
  const onDisk = model.installed ? model.sizeOnDiskBytes : model.resumableBytes;

  return (
    <li
      className={`model-card${recommendation ? ' is-recommended' : ''}`}
      data-testid="model-card"
      data-model-id={model.id}
    >
      <div className="model-head">
        <h4 className="model-name">{model.name}</h4>
        {recommendation ? (
          <span className="badge badge-recommended" data-testid="model-recommended">
            ★ {t.recommended}
          </span>
        ) : null}
        {model.installed ? (
          <span className="badge badge-installed" data-testid="model-installed">
            ✓ {t.installed}
          </span>
        ) : null}
      </div>
      {recommendation ? (
        <p className="model-reason" data-testid="model-reason">
          {recommendation}
        </p>
      ) : null}
      <p className="model-description">{model.description}</p>
      <dl className="model-facts">
        <div>
          <dt>{t.languages}</dt>
          <dd>{model.languages.map(languageName).join(', ')}</dd>
        </div>
        <div>
          <dt>{t.licence}</dt>
          <dd>{model.licence}</dd>
        </div>
        <div>
          <dt>{t.download}</dt>
          <dd data-testid="model-download-size">
            {model.downloadBytes === null ? t.unknownSize : formatBytes(model.downloadBytes)}
          </dd>
        </div>
        <div>
          <dt>{t.memory}</dt>
          <dd>{formatBytes(model.ramBytes)}</dd>
        </div>
        {model.installed ? (
          <div>
            <dt>{t.onDisk}</dt>
            <dd data-testid="model-on-disk">{formatBytes(model.sizeOnDiskBytes)}</dd>
          </div>
        ) : null}
      </dl>

      {download ? (
        <div className="model-download" role="status" data-testid="model-progress">
          <ProgressBar
            label={t.downloading(formatBytes(download.doneBytes), total > 0 ? formatBytes(total) : null)}
            done={download.doneBytes}
            total={download.totalBytes}
          />
          <button
            type="button"
            className="button"
            data-testid="model-stop"
            disabled={download.stopping}
            onClick={() => downloads.stop(model.id)}
          >
            {download.stopping ? t.stopping : t.stop}
          </button>
        </div>
      ) : confirming ? (
        <div className="notice notice-error" role="alertdialog" aria-label={t.removeLabel(model.name)}>
          <p className="notice-title">{t.removeQuestion(model.name, formatBytes(onDisk))}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="model-remove-confirm"
              disabled={removing}
              autoFocus
              onClick={() => void remove()}
            >
              {removing ? t.removing : t.removeConfirm}
            </button>
            <button
              type="button"
              className="button"
              data-testid="model-remove-cancel"
              onClick={() => setConfirming(false)}
            >
              {t.removeCancel}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {model.installed ? null : (
            <button
              type="button"
              className="button button-primary"
              data-testid={model.resumableBytes > 0 ? 'model-resume' : 'model-install'}
              aria-label={model.resumableBytes > 0 ? undefined : t.installLabel(model.name)}
              onClick={() => downloads.install(model.id)}
            >
              {model.resumableBytes > 0 ? t.resume(formatBytes(model.resumableBytes)) : t.install}
            </button>
          )}
          {model.installed || model.resumableBytes > 0 ? (
            <button
              type="button"
              className="button button-danger"
              data-testid="model-remove"
              aria-label={t.removeLabel(model.name)}
              onClick={() => setConfirming(true)}
            >
              {t.remove}
            </button>
          ) : null}
        </div>
      )}

      {failure ? (
        <div className="notice notice-error" role="alert" data-testid="model-error">
          <p className="notice-title">{t.failed(model.name)}</p>
          <p>{failure}</p>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => downloads.dismissFailure(model.id)}
          >
            {t.dismiss}
          </button>
        </div>
      ) : null}
      {removeError ? (
        <p className="error-text" role="alert">
          {removeError}
        </p>
      ) : null}
    </li>
  );
}
