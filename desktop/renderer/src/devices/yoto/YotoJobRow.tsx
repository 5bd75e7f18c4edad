/** One entry of the Yoto queue: title, state, progress, and Retry / Remove / the card link. */
import { ProgressBar } from '../../ProgressBar';
import { strings } from '../../strings';
import { yotoJobLine, type YotoJobEntry, type YotoStatusPayload } from './yoto-job-line';

const t = strings.yoto;

export function YotoJobRow(props: {
  job: YotoJobEntry;
  signIn: YotoStatusPayload['signIn'];
  busy: boolean;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const { job } = props;
  const line = yotoJobLine(job, props.signIn);
  return (
    <li className="yoto-job" data-testid="yoto-job" data-state={job.state} data-job-id={job.id}>
      <div className="yoto-job-head">
        <strong className="yoto-job-title" data-testid="yoto-job-title">
          {job.title}
        </strong>
        <span className="yoto-job-state" data-testid="yoto-job-state">
          {line.state}
        </span>
      </div>
      {line.progress !== null ? (
        <ProgressBar
          label={
            job.state === 'uploading' && job.bytesTotal ? line.state : t.files(job.filesDone, job.filesTotal)
          }
          done={line.progress.done}
          total={line.progress.total}
        />
      ) : null}
      {line.detail !== null ? (
        <p
          className={job.state === 'failed' ? 'yoto-job-detail is-error' : 'yoto-job-detail muted small'}
          data-testid="yoto-job-detail"
        >
          {line.detail}
        </p>
      ) : null}
      <div className="yoto-job-actions">
        {line.cardId !== null ? (
          <span className="muted small" data-testid="yoto-job-card">
            {t.cardId(job.title, line.cardId)}
          </span>
        ) : null}
        {line.canRetry ? (
          <button
            type="button"
            className="button"
            aria-label={t.retryLabel(job.title)}
            data-testid="yoto-job-retry"
            disabled={props.busy}
            onClick={props.onRetry}
          >
            {t.retry}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-quiet"
          aria-label={t.removeLabel(job.title)}
          data-testid="yoto-job-remove"
          disabled={props.busy}
          onClick={props.onRemove}
        >
          {t.remove}
        </button>
      </div>
    </li>
  );
}
