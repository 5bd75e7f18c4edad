/** A job's progress; with no total yet it shows a moving, indeterminate bar. */
import { strings } from './strings';

export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress">
      <div
        className={`progress-track${known ? '' : ' is-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        data-testid="progress-bar"
      >
        <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
      <span className="progress-label">
        {label}
        {known ? ` — ${strings.percent(percent)}` : ''}
      </span>
    </div>
  );
}
