/** How full a box is, as a bar with its words ("1.2 GB free of 2 GB") for eyes and screen readers alike. */
import { formatBytes } from '../format';
import { strings } from '../strings';

const t = strings.devices;

export function SpaceBar({ freeBytes, totalBytes }: { freeBytes: number; totalBytes: number }) {
  const used =
    totalBytes > 0
      ? Math.min(100, Math.max(0, Math.round(((totalBytes - freeBytes) / totalBytes) * 100)))
      : 0;
  const words = t.space(formatBytes(freeBytes), formatBytes(totalBytes));
  return (
    <div className="space">
      <div
        className={`space-track${used >= 90 ? ' is-full' : ''}`}
        role="meter"
        aria-label={t.spaceLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={used}
        aria-valuetext={words}
      >
        <div className="space-fill" style={{ width: `${used}%` }} />
      </div>
      <span className="space-label" data-testid="box-space">
        {words}
      </span>
    </div>
  );
}
