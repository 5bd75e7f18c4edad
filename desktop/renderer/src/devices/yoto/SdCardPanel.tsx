/**
 * "Other boxes": a library story onto a Toniebox, TonUINO or ESPuino SD card, chosen by the
 * folder it is mounted at (like "Use a folder as a box" for Lunii), as a job with progress and
 * Cancel. The core stages and checks the files, so a cancelled write leaves the card as it was.
 */
import { useState } from 'react';

import type { MethodOutput } from '../../../../api/contract';
import { useClient } from '../../client-context';
import { strings } from '../../strings';
import { SD_CARD_BOXES, sdCardPhase, sdCardRequest, type SdCardBox, type SdCardForm } from './sd-card-form';
import { StoryPicker } from './StoryPicker';
import { useStoryJob } from './use-story-job';
import { JobProgress } from '../JobProgress';

const t = strings.sdCard;

export function SdCardPanel() {
  const client = useClient();
  const [form, setForm] = useState<SdCardForm>({
    box: 'tonuino',
    storyId: '',
    root: '',
    uid: '',
    folder: '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const job = useStoryJob<MethodOutput<'packs.writeSdCard'>>();
  const running = job.state.status === 'running';
  const change = (changes: Partial<SdCardForm>): void => {
    setForm((now) => ({ ...now, ...changes }));
    setProblem(null);
  };

  const write = (): void => {
    const check = sdCardRequest(form);
    if (!check.ok) {
      setProblem(check.problem);
      return;
    }
    job.run((options) => client.call('packs.writeSdCard', check.request, options));
  };

  return (
    <section className="panel sd-card-panel" aria-labelledby="sd-card-title" data-testid="sd-card-panel">
      <h3 id="sd-card-title">{t.title}</h3>
      <p className="muted small">{t.intro}</p>
      <form
        className="sd-card-form"
        onSubmit={(event) => {
          event.preventDefault();
          write();
        }}
      >
        <div className="field-row">
          <label className="field">
            <span>{t.boxLabel}</span>
            <select
              value={form.box}
              data-testid="sd-card-box"
              onChange={(event) => change({ box: event.currentTarget.value as SdCardBox })}
            >
              {SD_CARD_BOXES.map((box) => (
                <option key={box} value={box}>
                  {t.boxes[box]}
                </option>
              ))}
            </select>
          </label>
          <StoryPicker
            label={t.storyLabel}
            value={form.storyId}
            onChange={(storyId) => change({ storyId })}
            testId="sd-card-story"
          />
        </div>
        <div className="field-row">
          <label className="field field-grow">
            <span>{t.pathLabel}</span>
            <input
              type="text"
              value={form.root}
              placeholder={t.pathPlaceholder}
              maxLength={4096}
              spellCheck={false}
              autoComplete="off"
              data-testid="sd-card-path"
              onChange={(event) => change({ root: event.currentTarget.value })}
            />
          </label>
          {form.box === 'tonies' ? (
            <label className="field">
              <span>{t.uidLabel}</span>
              <input
                type="text"
                value={form.uid}
                placeholder={t.uidPlaceholder}
                maxLength={64}
                spellCheck={false}
                autoComplete="off"
                data-testid="sd-card-uid"
                onChange={(event) => change({ uid: event.currentTarget.value })}
              />
            </label>
          ) : null}
          {form.box === 'tonuino' ? (
            <label className="field">
              <span>{t.folderLabel}</span>
              <input
                type="number"
                min={1}
                max={99}
                value={form.folder}
                data-testid="sd-card-folder"
                onChange={(event) => change({ folder: event.currentTarget.value })}
              />
            </label>
          ) : null}
          <button
            type="submit"
            className="button button-primary"
            data-testid="sd-card-write"
            disabled={running}
          >
            {t.write}
          </button>
        </div>
      </form>
      {problem !== null ? (
        <p className="notice notice-error" role="alert" data-testid="sd-card-problem">
          {problem}
        </p>
      ) : null}
      {job.state.status === 'running' ? (
        <JobProgress
          testId="sd-card"
          progress={job.state.progress}
          cancelling={job.state.cancelling}
          onCancel={job.cancel}
          phaseLabel={sdCardPhase}
        />
      ) : job.state.status === 'done' ? (
        <div className="notice" role="status" data-testid="sd-card-done">
          <p className="notice-title" data-testid="sd-card-location">
            {t.written(job.state.result.location)}
          </p>
          <p>{job.state.result.note}</p>
          <ul className="sd-card-files" aria-label={t.filesLabel} data-testid="sd-card-files">
            {job.state.result.files.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </div>
      ) : job.state.status === 'cancelled' ? (
        <p className="notice" role="status" data-testid="sd-card-cancelled">
          {strings.devices.cancelled}
        </p>
      ) : job.state.status === 'failed' ? (
        <div className="notice notice-error" role="alert" data-testid="sd-card-error">
          {job.state.message}
        </div>
      ) : null}
    </section>
  );
}
