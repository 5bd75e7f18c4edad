/**
 * "Who is speaking?": a grown-up, or one of the family's children. A child without recording
 * consent is still listed (a parent looks for them), but picking them says why nothing can be
 * recorded and where the consent is turned on.
 */
import type { ChildProfilePayload } from '../../../../api/contract';
import { strings } from '../../strings';
import { useNarration } from './NarrationContext';
import { ADULT, blockedChild, childValue, speakerFrom } from './speaker-choice';

const t = strings.pageNarration;

export function SpeakerPicker({
  nodeId,
  value,
  onChange,
  disabled,
}: {
  nodeId: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  const { profiles, openFamily } = useNarration();
  const blocked = blockedChild(speakerFrom(value, profiles));
  const noticeId = `speaker-blocked-${nodeId}`;
  return (
    <div className="speaker">
      <label className="field">
        <span>{t.speaker}</span>
        <select
          value={value}
          disabled={disabled}
          aria-describedby={blocked ? noticeId : undefined}
          data-testid="speaker-select"
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          <option value={ADULT}>{t.adult}</option>
          {(profiles ?? []).map((child: ChildProfilePayload) => (
            <option key={child.id} value={childValue(child.id)}>
              {t.childOption(child.name, child.recordingConsent)}
            </option>
          ))}
        </select>
      </label>
      {blocked ? (
        <div className="notice notice-warn" id={noticeId} role="alert" data-testid="speaker-blocked">
          <p className="notice-title">{t.blocked(blocked.name)}</p>
          <p>{t.blockedWhere}</p>
          <button type="button" className="button" data-testid="speaker-open-family" onClick={openFamily}>
            {t.openFamily}
          </button>
        </div>
      ) : profiles !== null && profiles.length === 0 ? (
        <p className="muted">
          {t.noChildren}{' '}
          <button type="button" className="link" onClick={openFamily}>
            {t.openFamily}
          </button>
        </p>
      ) : null}
    </div>
  );
}
