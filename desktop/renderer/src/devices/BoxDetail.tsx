/**
 * The box picked: what a parent should know about it (Wi-Fi sync, firmware updates), what
 * Talemo repaired on opening it, and its packs in the box's order with what can be done to
 * each. An export runs as a job with its progress and a Cancel; the quick changes do not.
 */
import { useCallback, useState } from 'react';

import { strings } from '../strings';
import { JobProgress } from './JobProgress';
import { PackRow, packTitle } from './PackRow';
import { useBoxInfo, type BoxPack } from './use-box-info';
import { useExportJob } from './use-export-job';
import { usePackChanges, type PackChange } from './use-pack-changes';
import { useRememberedRepairs } from './box-repairs-seen';

const t = strings.devices;

/** A pack a repair speaks of, by its title when the box still holds it, else by its folder. */
function packLabel(packs: readonly BoxPack[], folder: string | undefined): string {
  if (!folder) return '';
  const pack = packs.find((candidate) => candidate.folderName.toUpperCase() === folder.toUpperCase());
  return pack ? packTitle(pack) : t.unknownPack(folder);
}

interface FocusAfterMove {
  uuid: string;
  which: 'up' | 'down';
  position: number;
}

export function BoxDetail({
  root,
  revision,
  onChanged,
}: {
  root: string;
  revision: number;
  /** A change was made (or refused): the box and the list of boxes are read again. */
  onChanged: () => void;
}) {
  const { info, error, stale } = useBoxInfo(root, revision);
  const [repairs, dismissRepairs] = useRememberedRepairs(root);
  const changes = usePackChanges(root, onChanged);
  const exporting = useExportJob(root);
  const [focusAfter, setFocusAfter] = useState<FocusAfterMove | null>(null);
  const focused = useCallback(() => setFocusAfter(null), []);

  const change = async (pack: BoxPack, what: PackChange): Promise<boolean> => {
    const done = await changes.run(pack.uuid, what);
    if (done && what.kind === 'move' && pack.position !== null) {
      setFocusAfter({
        uuid: pack.uuid,
        which: what.position < pack.position ? 'up' : 'down',
        position: what.position,
      });
    }
    return done;
  };

  if (info === null) {
    return error !== null ? (
      <div className="notice notice-error" role="alert" data-testid="box-error">
        <p className="notice-title">{t.boxFailed}</p>
        <p data-testid="box-error-message">{error}</p>
        <button type="button" className="button" onClick={onChanged}>
          {t.retry}
        </button>
      </div>
    ) : (
      <p className="muted" role="status">
        {t.loadingBox}
      </p>
    );
  }

  const shown = info.packs.filter((pack) => !pack.hidden);
  const lastPlace = shown.length;
  const locked = changes.busy !== null || exporting.state.status === 'running' || stale;

  return (
    <section
      className="box-detail"
      data-testid="box-detail"
      aria-labelledby="box-detail-title"
      aria-busy={stale}
    >
      <p className="muted small" data-testid="box-serial">
        {t.firmware(info.firmware)} · {t.serial(info.serial)}
      </p>
      {error !== null ? (
        <p className="error-text" role="alert">
          {t.boxFailed} {error}
        </p>
      ) : null}
      {info.readOnly ? (
        <div className="notice notice-warn" role="status" data-testid="box-read-only">
          {t.readOnly}
        </div>
      ) : null}
      {repairs.length > 0 ? (
        <div className="notice" role="status" data-testid="box-repairs">
          <p className="notice-title">{t.repairedTitle}</p>
          <ul>
            {repairs.map((repair, index) => (
              <li key={index} data-testid="box-repair" data-code={repair.code}>
                {t.repaired[repair.code](packLabel(info.packs, repair.pack))}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-quiet"
            data-testid="box-repairs-dismiss"
            onClick={dismissRepairs}
          >
            {t.dismissRepairs}
          </button>
        </div>
      ) : null}
      {info.warnings.length > 0 ? (
        <div className="notice notice-warn" data-testid="box-warnings">
          <p className="notice-title">{t.warningsTitle}</p>
          <ul>
            {info.warnings.map((warning) => (
              <li key={warning.code} data-testid="box-warning" data-code={warning.code}>
                {t.boxWarning[warning.code]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <ExportNotice job={exporting} />

      <h3 id="box-detail-title">{t.packsTitle}</h3>
      {info.packs.length === 0 ? (
        <p className="muted" data-testid="box-no-packs">
          {t.noPacks}
        </p>
      ) : (
        <ol className="packs" aria-label={t.packsLabel} data-testid="box-packs">
          {info.packs.map((pack) => (
            <PackRow
              key={pack.uuid}
              pack={pack}
              isFirst={pack.position === 1}
              isLast={pack.position === lastPlace}
              locked={locked}
              changing={changes.busy === pack.uuid}
              readOnly={info.readOnly}
              failure={changes.failure?.uuid === pack.uuid ? changes.failure.message : null}
              focus={
                focusAfter?.uuid === pack.uuid && focusAfter.position === pack.position && !stale
                  ? focusAfter.which
                  : null
              }
              onFocused={focused}
              onChange={(what) => change(pack, what)}
              onExport={() => exporting.start(pack.uuid, packTitle(pack))}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function ExportNotice({ job }: { job: ReturnType<typeof useExportJob> }) {
  const { state } = job;
  if (state.status === 'running') {
    return (
      <JobProgress
        testId="export"
        progress={state.progress ?? null}
        cancelling={state.cancelling}
        onCancel={job.cancel}
      >
        <p>{t.exporting(state.title)}</p>
      </JobProgress>
    );
  }
  if (state.status === 'idle') return null;
  const [kind, words, testId] =
    state.status === 'done'
      ? ['notice-ok', t.exported(state.fileName), 'export-done']
      : state.status === 'cancelled'
        ? ['', t.exportStopped, 'export-cancelled']
        : ['notice-error', `${t.exportFailed} ${state.message}`, 'export-error'];
  return (
    <div
      className={`notice ${kind}`}
      role={state.status === 'failed' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <p>{words}</p>
      <button type="button" className="button button-quiet" onClick={job.dismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}
