/**
 * One box found: its name, firmware, how full it is, how many packs it holds, and why it cannot
 * be used when it cannot. Pressing it shows its packs below; a story dragged from the list
 * below can be dropped on it to go straight onto that box.
 */
import { useState, type DragEvent } from 'react';

import { strings } from '../strings';
import { boxName } from './box-name';
import { SpaceBar } from './SpaceBar';
import { carriesStory, droppedStoryId } from './story-drag';
import type { BoxSummary } from './use-boxes';

const t = strings.devices;

export function BoxCard({
  box,
  selected,
  onSelect,
  onDropStory,
}: {
  box: BoxSummary;
  selected: boolean;
  onSelect: () => void;
  onDropStory: (storyId: string) => void;
}) {
  const [dropping, setDropping] = useState(false);
  const name = boxName(box);
  const usable = box.problem === null;

  const onDragOver = (event: DragEvent): void => {
    if (!usable || !carriesStory(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent): void => {
    setDropping(false);
    const storyId = usable ? droppedStoryId(event.dataTransfer) : null;
    if (!storyId) return;
    event.preventDefault();
    onDropStory(storyId);
  };

  return (
    <li
      className={`box-card${selected ? ' is-selected' : ''}${dropping ? ' is-drop-target' : ''}${usable ? '' : ' has-problem'}`}
      data-testid="box-card"
      data-root={box.root}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <h3 className="box-name">
        {/* Why a button stretched over the card (see .box-open::after): one big target, valid markup. */}
        <button
          type="button"
          className="box-open"
          data-testid="box-open"
          aria-label={t.openBox(name)}
          aria-pressed={selected}
          onClick={onSelect}
        >
          <span aria-hidden="true">▣ </span>
          {name}
        </button>
      </h3>
      <p className="muted small" data-testid="box-firmware">
        {t.firmware(box.firmware)}
      </p>
      <SpaceBar freeBytes={box.freeBytes} totalBytes={box.totalBytes} />
      <p data-testid="box-pack-count">{t.packCount(box.packCount)}</p>
      <p className="muted small box-root" title={box.root}>
        {box.root}
      </p>
      {box.problem !== null ? (
        <p className="error-text" data-testid="box-problem">
          <strong>{t.unusable}</strong> {box.problem}
        </p>
      ) : null}
      {selected ? <span className="badge badge-installed">{t.shown}</span> : null}
      {dropping ? (
        <p className="box-drop-hint" aria-hidden="true">
          {t.dropHere}
        </p>
      ) : null}
    </li>
  );
}
