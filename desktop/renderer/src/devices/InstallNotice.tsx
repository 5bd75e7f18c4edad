/** How "Put on the box" goes: its phase and Cancel, then "Safe to unplug", stopped, or what went wrong and what to do. */
import { strings } from '../strings';
import { JobProgress } from './JobProgress';
import type { InstallJob } from './use-install-job';

const t = strings.devices;

export function InstallNotice({ job }: { job: InstallJob }) {
  const { state } = job;
  switch (state.status) {
    case 'idle':
      return null;
    case 'running':
      return (
        <JobProgress
          testId="install"
          progress={state.progress ?? null}
          cancelling={state.cancelling}
          onCancel={job.cancel}
        />
      );
    case 'done':
      return (
        <div
          className={`notice ${state.result.safeToUnplug ? 'notice-ok' : 'notice-warn'}`}
          role="status"
          data-testid="install-done"
        >
          <p className="notice-title safe-to-unplug" data-testid="install-safe">
            {state.result.safeToUnplug ? t.safeToUnplug : t.notSafeYet}
          </p>
          <p data-testid="install-installed">
            {t.installed(state.result.installed.map((pack) => pack.title))}
          </p>
          <button type="button" className="button button-quiet" onClick={job.dismiss}>
            {t.dismiss}
          </button>
        </div>
      );
    case 'cancelled':
      return (
        <div className="notice" role="status" data-testid="install-cancelled">
          <p>{t.cancelled}</p>
          <button type="button" className="button button-quiet" onClick={job.dismiss}>
            {t.dismiss}
          </button>
        </div>
      );
    case 'failed':
      return (
        <div className="notice notice-error" role="alert" data-testid="install-error">
          <p className="notice-title">{t.installFailed}</p>
          <p data-testid="install-error-message">{state.message}</p>
          <button type="button" className="button button-quiet" onClick={job.dismiss}>
            {t.dismiss}
          </button>
        </div>
      );
  }
}
