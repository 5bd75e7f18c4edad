/**
 * The Yoto panel of the Boxes page: the upload queue (kept on disk by the core, sent when Yoto
 * can be reached), sending a library story to it, and the Yoto sign-in. It says plainly that
 * only this part needs an account and the internet.
 */
import { useState } from 'react';

import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { strings } from '../../strings';
import { StoryPicker } from './StoryPicker';
import { useStoryJob } from './use-story-job';
import { useYotoStatus } from './use-yoto-status';
import { yotoSendPhase, type YotoJobEntry } from './yoto-job-line';
import { YotoJobRow } from './YotoJobRow';
import { YotoSignIn } from './YotoSignIn';
import { JobProgress } from '../JobProgress';

const t = strings.yoto;

export function YotoPanel() {
  const client = useClient();
  const { status, error, refresh } = useYotoStatus();
  const [storyId, setStoryId] = useState('');
  const [busyJob, setBusyJob] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const send = useStoryJob<YotoJobEntry | { title: string }>();

  const sendStory = (): void => {
    if (!storyId) return;
    send.run(async (options) => {
      const job = await client.call('yoto.send', { storyId }, options);
      refresh();
      return job;
    });
  };

  const act = (id: string, action: () => Promise<unknown>): void => {
    setBusyJob(id);
    setActionError(null);
    action()
      .catch((failure: unknown) => setActionError(errorMessage(failure)))
      .finally(() => {
        setBusyJob(null);
        refresh();
      });
  };

  const retryTime = status?.retryAt ? new Date(status.retryAt).toLocaleTimeString() : null;
  return (
    <section className="panel yoto-panel" aria-labelledby="yoto-title" data-testid="yoto-panel">
      <h3 id="yoto-title">{t.title}</h3>
      <p className="muted small" data-testid="yoto-intro">
        {t.intro}
      </p>
      {status !== null ? (
        <YotoSignIn signIn={status.signIn} problem={status.problem} onChanged={refresh} />
      ) : null}

      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          sendStory();
        }}
      >
        <StoryPicker label={t.storyLabel} value={storyId} onChange={setStoryId} testId="yoto-story" />
        <button
          type="submit"
          className="button button-primary"
          data-testid="yoto-send"
          disabled={storyId === '' || send.state.status === 'running'}
        >
          {t.send}
        </button>
      </form>
      {send.state.status === 'running' ? (
        <JobProgress
          testId="yoto-send"
          progress={send.state.progress}
          cancelling={send.state.cancelling}
          onCancel={send.cancel}
          phaseLabel={yotoSendPhase}
        >
          <p>{t.sending}</p>
        </JobProgress>
      ) : send.state.status === 'done' ? (
        <p className="notice" role="status" data-testid="yoto-send-done">
          {t.queued(send.state.result.title)}
        </p>
      ) : send.state.status === 'cancelled' ? (
        <p className="notice" role="status" data-testid="yoto-send-cancelled">
          {t.cancelled}
        </p>
      ) : send.state.status === 'failed' ? (
        <div className="notice notice-error" role="alert" data-testid="yoto-send-error">
          {send.state.message}
        </div>
      ) : null}

      <h4>{t.queueTitle}</h4>
      {error !== null || actionError !== null ? (
        <div className="notice notice-error" role="alert" data-testid="yoto-error">
          {actionError ?? error}
        </div>
      ) : null}
      {retryTime !== null ? (
        <p className="notice notice-warn" role="status" data-testid="yoto-offline">
          {t.offline(retryTime)}
        </p>
      ) : null}
      {status === null ? null : status.jobs.length === 0 ? (
        <p className="muted" data-testid="yoto-empty">
          {t.empty}
        </p>
      ) : (
        <ul className="yoto-queue" aria-label={t.queueLabel} aria-live="polite" data-testid="yoto-queue">
          {status.jobs.map((job) => (
            <YotoJobRow
              key={job.id}
              job={job}
              signIn={status.signIn}
              busy={busyJob === job.id}
              onRetry={() => act(job.id, () => client.call('yoto.retry', { id: job.id }))}
              onRemove={() => act(job.id, () => client.call('yoto.remove', { id: job.id }))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
