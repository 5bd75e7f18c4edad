/**
 * One pack on the box, in the box's order: its title (or "Unknown pack ABCD1234" for a pack
 * Talemo did not put there), its size and badges, and what a parent can do with it. Up and
 * Down are ordinary buttons, so the keyboard reaches them; Remove asks first, naming the pack.
 */
import { useEffect, useRef, useState } from 'react';

import { formatBytes } from '../format';
import { strings } from '../strings';
import type { BoxPack } from './use-box-info';
import type { PackChange } from './use-pack-changes';

const t = strings.devices;

export function packTitle(pack: Pick<BoxPack, 'title' | 'folderName'>): string {
  return pack.title ?? t.unknownPack(pack.folderName);
}

export function PackRow({
  pack,
  isFirst,
  isLast,
  locked,
  changing,
  readOnly,
  failure,
  focus,
  onFocused,
  onChange,
  onExport,
}: {
  pack: BoxPack;
  isFirst: boolean;
  isLast: boolean;
  /** Another change or an export is under way: one thing at a time on a box. */
  locked: boolean;
  changing: boolean;
  readOnly: boolean;
  failure: string | null;
  /** After a move, which button gets the focus back (the row moved under it). */
  focus: 'up' | 'down' | null;
  onFocused: () => void;
  onChange: (change: PackChange) => Promise<boolean>;
  onExport: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  /** The switch moves at once when pressed, while the box is written and read again. */
  const [nightWanted, setNightWanted] = useState<boolean | null>(null);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const title = packTitle(pack);
  const canEdit = !locked && !readOnly;
  const canMove = canEdit && !pack.hidden && pack.position !== null;
  const nightShown = nightWanted !== null && locked ? nightWanted : pack.nightMode;

  useEffect(() => {
    if (focus === null) return;
    // At the top (or bottom) its own button is off: the other one keeps the keyboard in the row.
    const wanted = focus === 'up' ? (isFirst ? down : up) : isLast ? up : down;
    wanted.current?.focus();
    onFocused();
  }, [focus, isFirst, isLast, onFocused]);

  const move = (step: -1 | 1): void => {
    if (pack.position === null) return;
    void onChange({ kind: 'move', position: pack.position + step });
  };

  return (
    <li
      className={`pack${pack.hidden ? ' is-hidden' : ''}${pack.present ? '' : ' is-missing'}`}
      data-testid="box-pack"
      data-uuid={pack.uuid}
      data-folder={pack.folderName}
      aria-busy={changing}
    >
      <div className="pack-head">
        <span className="pack-place" data-testid="pack-position">
          {pack.position !== null ? t.place(pack.position) : '—'}
        </span>
        <h4 className="pack-title" data-testid="pack-title">
          {title}
        </h4>
        <span className="muted small" data-testid="pack-size">
          {formatBytes(pack.sizeBytes)}
        </span>
        <span className="badges">
          {pack.hidden ? (
            <span className="badge badge-hidden" data-testid="pack-hidden">
              {t.hiddenBadge}
            </span>
          ) : null}
          {pack.nightMode ? (
            <span className="badge badge-night" data-testid="pack-night">
              ☾ {t.nightBadge}
            </span>
          ) : null}
          {pack.present ? null : (
            <span className="badge badge-missing" data-testid="pack-missing">
              {t.missingBadge}
            </span>
          )}
        </span>
      </div>
      {pack.present ? null : <p className="error-text small">{t.missingHint}</p>}

      {confirming ? (
        <div className="notice notice-error" role="alertdialog" aria-label={t.removeLabel(title)}>
          <p className="notice-title" data-testid="pack-remove-question">
            {t.removeQuestion(title)}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="pack-remove-confirm"
              disabled={!canEdit}
              autoFocus
              onClick={() => void onChange({ kind: 'remove' })}
            >
              {changing ? t.saving : t.removeConfirm}
            </button>
            <button
              type="button"
              className="button"
              data-testid="pack-remove-cancel"
              onClick={() => setConfirming(false)}
            >
              {t.removeCancel}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions pack-actions">
          <button
            ref={up}
            type="button"
            className="button"
            data-testid="pack-up"
            aria-label={t.moveUpLabel(title)}
            disabled={!canMove || isFirst}
            onClick={() => move(-1)}
          >
            {t.moveUp}
          </button>
          <button
            ref={down}
            type="button"
            className="button"
            data-testid="pack-down"
            aria-label={t.moveDownLabel(title)}
            disabled={!canMove || isLast}
            onClick={() => move(1)}
          >
            {t.moveDown}
          </button>
          <button
            type="button"
            className="button"
            data-testid="pack-hide"
            aria-label={pack.hidden ? t.showLabel(title) : t.hideLabel(title)}
            disabled={!canEdit || !pack.present}
            onClick={() => void onChange({ kind: 'hidden', hidden: !pack.hidden })}
          >
            {pack.hidden ? t.show : t.hide}
          </button>
          <label className="check pack-night">
            <input
              type="checkbox"
              className="consent-switch"
              data-testid="pack-night-switch"
              aria-label={t.nightModeLabel(title)}
              checked={nightShown}
              disabled={!canEdit || !pack.present}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setNightWanted(on);
                void onChange({ kind: 'night', on });
              }}
            />
            <span aria-hidden="true">{t.nightMode}</span>
          </label>
          <button
            type="button"
            className="button"
            data-testid="pack-export"
            aria-label={t.exportLabel(title)}
            disabled={locked || !pack.present}
            onClick={onExport}
          >
            {t.exportPack}
          </button>
          <button
            type="button"
            className="button button-danger"
            data-testid="pack-remove"
            aria-label={t.removeLabel(title)}
            disabled={!canEdit}
            onClick={() => setConfirming(true)}
          >
            {t.remove}
          </button>
          {changing ? (
            <span className="muted small" role="status">
              {t.saving}
            </span>
          ) : null}
        </div>
      )}
      {failure !== null ? (
        <p className="error-text" role="alert" data-testid="pack-error">
          {t.changeFailed} {failure}
        </p>
      ) : null}
    </li>
  );
}
