/**
 * Classroom mode: a teacher ticks a set of library stories and several boxes (plugged in, or
 * folders added by path), and puts the set on all of them in one job, with the phase ("Box 2
 * of 3: Copying onto the box"), a progress bar and Cancel; then a report to print. Nothing
 * blocks the page meanwhile: the rest of the Boxes page stays usable.
 */
import { useState } from 'react';

import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';
import { boxName } from './box-name';
import { classroomPhaseWords } from './classroom-phase';
import { ClassroomReport } from './ClassroomReport';
import type { BoxSummary } from './use-boxes';
import { useClassroomJob } from './use-classroom-job';
import { useLibraryStories } from './use-library-stories';

const t = strings.classroom;
const d = strings.devices;
/** The contract's limits for one classroom run. */
const MAX_BOXES = 60;
const MAX_STORIES = 100;

function toggled(set: ReadonlySet<string>, value: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

export function ClassroomPanel({ boxes, onChanged }: { boxes: BoxSummary[] | null; onChanged: () => void }) {
  const listed = useLibraryStories();
  const job = useClassroomJob();
  const [pickedStories, setPickedStories] = useState<ReadonlySet<string>>(new Set());
  const [pickedBoxes, setPickedBoxes] = useState<ReadonlySet<string>>(new Set());

  const stories = listed && 'stories' in listed ? listed.stories : [];
  // Library order, so every box gets the set in the order the teacher sees it here.
  const chosenStories = stories.filter((story) => pickedStories.has(story.id)).slice(0, MAX_STORIES);
  // Only boxes still here and usable: a box unplugged after being ticked is not sent.
  const chosenRoots = (boxes ?? [])
    .filter((box) => box.problem === null && pickedBoxes.has(box.root))
    .map((box) => box.root)
    .slice(0, MAX_BOXES);
  const running = job.state.status === 'running';
  const hint = chosenStories.length === 0 ? t.needStories : chosenRoots.length === 0 ? t.needBoxes : null;

  return (
    <section className="panel classroom" data-testid="classroom-panel" aria-labelledby="classroom-title">
      <h3 id="classroom-title">{t.title}</h3>
      <p className="muted small">{t.intro}</p>

      <div className="classroom-picks">
        <fieldset className="classroom-pick" disabled={running}>
          <legend>{t.storiesLegend}</legend>
          {listed === null ? (
            <p className="muted" role="status">
              {d.storiesLoading}
            </p>
          ) : 'error' in listed ? (
            <p className="error-text" role="alert">
              {d.storiesFailed} {listed.error}
            </p>
          ) : stories.length === 0 ? (
            <p className="muted">{d.storiesEmpty}</p>
          ) : (
            <ul className="classroom-list" data-testid="classroom-stories">
              {stories.map((story) => (
                <li key={story.id}>
                  <label className="check" data-testid="classroom-story">
                    <input
                      type="checkbox"
                      checked={pickedStories.has(story.id)}
                      onChange={(event) => {
                        // Why read now: React clears currentTarget before the updater runs.
                        const on = event.currentTarget.checked;
                        setPickedStories((now) => toggled(now, story.id, on));
                      }}
                    />
                    <span lang={story.language}>{story.title}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset className="classroom-pick" disabled={running}>
          <legend>{t.boxesLegend}</legend>
          {boxes === null ? (
            <p className="muted" role="status">
              {d.looking}
            </p>
          ) : boxes.length === 0 ? (
            <p className="muted">{t.noBoxes}</p>
          ) : (
            <ul className="classroom-list" data-testid="classroom-boxes">
              {boxes.map((box) => (
                <li key={box.root}>
                  <label className="check" data-testid="classroom-box" data-root={box.root}>
                    <input
                      type="checkbox"
                      checked={box.problem === null && pickedBoxes.has(box.root)}
                      disabled={box.problem !== null}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        setPickedBoxes((now) => toggled(now, box.root, on));
                      }}
                    />
                    <span>
                      {t.boxChoice(boxName(box), box.serial)}
                      {box.problem !== null ? (
                        <span className="muted small">
                          {' '}
                          — {d.unusable} {box.problem}
                        </span>
                      ) : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      </div>

      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="classroom-run"
          disabled={running || hint !== null}
          onClick={() => job.run(chosenRoots, chosenStories, onChanged)}
        >
          {t.run(chosenRoots.length)}
        </button>
        {hint !== null && !running ? <span className="muted small">{hint}</span> : null}
      </div>

      <ClassroomOutcome job={job} />
    </section>
  );
}

function ClassroomOutcome({ job }: { job: ReturnType<typeof useClassroomJob> }) {
  const { state } = job;
  switch (state.status) {
    case 'idle':
      return null;
    case 'running':
      return (
        <div className="notice job" role="status" data-testid="classroom-progress">
          <ProgressBar
            label={classroomPhaseWords(state.progress?.phase ?? null)}
            done={state.progress?.done ?? 0}
            total={state.progress?.total ?? 0}
          />
          <button
            type="button"
            className="button"
            data-testid="classroom-cancel"
            disabled={state.cancelling}
            onClick={job.cancel}
          >
            {state.cancelling ? d.cancelling : d.cancel}
          </button>
        </div>
      );
    case 'done':
      return (
        <ClassroomReport
          result={state.result}
          storyTitles={state.storyTitles}
          at={state.at}
          onClose={job.dismiss}
        />
      );
    case 'cancelled':
      return (
        <div className="notice" role="status" data-testid="classroom-cancelled">
          <p>{t.cancelled}</p>
          <button type="button" className="button button-quiet" onClick={job.dismiss}>
            {d.dismiss}
          </button>
        </div>
      );
    case 'failed':
      return (
        <div className="notice notice-error" role="alert" data-testid="classroom-error">
          <p className="notice-title">{t.failed}</p>
          <p>{state.message}</p>
          <button type="button" className="button button-quiet" onClick={job.dismiss}>
            {d.dismiss}
          </button>
        </div>
      );
  }
}
