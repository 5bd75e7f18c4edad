/**
 * Stories from the library to put on the box picked: tick them and press "Put on the box", or
 * drag one onto a box card. While they go on, the phase and a Cancel; at the end "Safe to
 * unplug", or the core's words and what to do next.
 */
import { useState } from 'react';

import { strings } from '../strings';
import { Badges } from '../library/StoryCard';
import { InstallNotice } from './InstallNotice';
import { startStoryDrag } from './story-drag';
import type { InstallJob } from './use-install-job';
import { useLibraryStories } from './use-library-stories';

const t = strings.devices;
/** The contract's limit for one install. */
const MAX_PER_INSTALL = 100;

export interface InstallTarget {
  root: string;
  name: string;
  /** Why it cannot take stories now, or null. */
  blocked: string | null;
}

export function InstallPanel({
  target,
  job,
  onInstall,
}: {
  target: InstallTarget | null;
  job: InstallJob;
  onInstall: (storyIds: string[]) => void;
}) {
  const listed = useLibraryStories();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());

  const toggle = (id: string, on: boolean): void =>
    setPicked((now) => {
      const next = new Set(now);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const stories = listed && 'stories' in listed ? listed.stories : [];
  // Keeps the library's order, so the box's order is the one the parent sees here.
  const chosen = stories.filter((story) => picked.has(story.id)).map((story) => story.id);
  const running = job.state.status === 'running';
  const hint = target === null ? t.pickBox : target.blocked;
  const canInstall = target !== null && target.blocked === null && !running && chosen.length > 0;

  return (
    <section className="panel install" data-testid="install-panel" aria-labelledby="install-title">
      <h3 id="install-title">{t.installTitle}</h3>
      <p className="muted small">{t.installHint}</p>

      {listed === null ? (
        <p className="muted" role="status">
          {t.storiesLoading}
        </p>
      ) : 'error' in listed ? (
        <p className="error-text" role="alert">
          {t.storiesFailed} {listed.error}
        </p>
      ) : stories.length === 0 ? (
        <p className="muted">{t.storiesEmpty}</p>
      ) : (
        <ul className="install-stories" aria-label={t.storiesLabel} data-testid="install-stories">
          {stories.map((story) => (
            <li
              key={story.id}
              className="install-story"
              data-testid="install-story"
              data-story-id={story.id}
              draggable
              onDragStart={(event) => startStoryDrag(event.dataTransfer, story.id, story.title)}
            >
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="install-pick"
                  checked={picked.has(story.id)}
                  disabled={running}
                  onChange={(event) => toggle(story.id, event.currentTarget.checked)}
                />
                <span className="install-story-title" lang={story.language}>
                  {story.title}
                </span>
              </label>
              <Badges story={story} />
            </li>
          ))}
        </ul>
      )}

      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="install-button"
          disabled={!canInstall}
          onClick={() => {
            onInstall(chosen.slice(0, MAX_PER_INSTALL));
            // Why cleared: the next pick starts fresh; the notice below names what is going on.
            setPicked(new Set());
          }}
        >
          {target ? t.installTo(target.name) : t.install}
        </button>
        {hint !== null && !running ? <span className="muted small">{hint}</span> : null}
      </div>

      <InstallNotice job={job} />
    </section>
  );
}
