/**
 * The Boxes page: the boxes plugged in now (found by themselves, looked for every few seconds)
 * and the folders used as boxes; the one picked shows its packs, and library stories go onto it
 * with progress, a Cancel and a plain "Safe to unplug" at the end.
 */
import { useState } from 'react';

import { PageHeader } from '../PageHeader';
import { strings } from '../strings';
import { AddFolder } from './AddFolder';
import { BoxCard } from './BoxCard';
import { BoxDetail } from './BoxDetail';
import { ClassroomPanel } from './ClassroomPanel';
import { boxName } from './box-name';
import { loadFolders, saveFolders, withFolder, withoutFolder } from './box-folders';
import { InstallPanel, type InstallTarget } from './InstallPanel';
import { useBoxes, type BoxSummary } from './use-boxes';
import { useInstallJob } from './use-install-job';
import { OtherBrands } from './yoto/OtherBrands';

const t = strings.devices;

export function DevicesView({ onBack }: { onBack: () => void }) {
  const [folders, setFolders] = useState<string[]>(() => loadFolders());
  const { boxes, fresh, error, refresh } = useBoxes(folders);
  const [picked, setPicked] = useState<string | null>(null);
  /** Grows after every change to the picked box, so its packs are read again. */
  const [revision, setRevision] = useState(0);
  const job = useInstallJob();

  // Why a default: most homes have one box; it is shown without a click.
  const selectedRoot = picked ?? boxes?.find((box) => box.problem === null)?.root ?? null;
  const selected = boxes?.find((box) => box.root === selectedRoot) ?? null;

  const changeFolders = (next: string[]): void => {
    setFolders(next);
    saveFolders(next);
  };
  const boxChanged = (): void => {
    setRevision((n) => n + 1);
    refresh();
  };
  const install = (box: BoxSummary, storyIds: string[]): void => {
    setPicked(box.root);
    job.install(box.root, storyIds, boxChanged);
  };

  const target: InstallTarget | null = selected
    ? {
        root: selected.root,
        name: boxName(selected),
        blocked: selected.problem === null ? null : t.boxUnusable,
      }
    : null;

  return (
    <section className="devices" data-testid="devices-view" aria-labelledby="devices-title">
      <PageHeader titleId="devices-title" title={t.title} intro={t.intro} onBack={onBack} />

      {error !== null ? (
        <div className="notice notice-error" role="alert" data-testid="devices-error">
          {t.listFailed} {error}
        </div>
      ) : null}
      {boxes === null ? (
        error === null ? (
          <p className="muted" role="status">
            {t.looking}
          </p>
        ) : null
      ) : boxes.length === 0 ? (
        <div className="empty" data-testid="devices-empty">
          <p>{t.none}</p>
        </div>
      ) : (
        <ul className="box-list" aria-label={t.listLabel} data-testid="box-list">
          {boxes.map((box) => (
            <BoxCard
              key={box.root}
              box={box}
              selected={box.root === selectedRoot}
              onSelect={() => setPicked(box.root)}
              onDropStory={(storyId) => install(box, [storyId])}
            />
          ))}
        </ul>
      )}

      {selectedRoot !== null && fresh && selected === null ? (
        <div className="notice notice-warn" role="status" data-testid="box-gone">
          {t.gone}
        </div>
      ) : null}

      <div className="box-workspace">
        <div className="box-workspace-main">
          {selected !== null ? (
            <>
              <h3 className="box-detail-name" data-testid="box-detail-name">
                {boxName(selected)}
              </h3>
              {selected.problem !== null ? (
                <div className="notice notice-error" role="alert" data-testid="box-detail-problem">
                  <strong>{t.unusable}</strong> {selected.problem}
                </div>
              ) : (
                <BoxDetail
                  key={selected.root}
                  root={selected.root}
                  revision={revision}
                  onChanged={boxChanged}
                />
              )}
            </>
          ) : null}
          <AddFolder
            folders={folders}
            onAdded={(root) => {
              changeFolders(withFolder(folders, root));
              setPicked(root);
              refresh();
            }}
            onForget={(folder) => {
              changeFolders(withoutFolder(folders, folder));
              if (picked === folder) setPicked(null);
            }}
          />
        </div>
        <InstallPanel
          target={target}
          job={job}
          onInstall={(storyIds) => {
            if (selected) install(selected, storyIds);
          }}
        />
      </div>

      <ClassroomPanel boxes={boxes} onChanged={boxChanged} />

      <OtherBrands />
    </section>
  );
}
