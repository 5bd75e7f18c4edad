/**
 * The player page (#/play/ID): the story played as a Lunii box plays it, with the box's
 * buttons on screen and on the keyboard, the path followed so far, and Mode Conte (sound only,
 * dark, huge buttons). The walk itself is player-machine.ts; this page only shows it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { Story } from '../story-types';
import { usePictureUrl } from '../asset-url';
import { useClient } from '../client-context';
import { errorMessage, isNotFound } from '../error-message';
import { strings } from '../strings';
import { useFocusOnMount } from '../use-focus-on-mount';
import { BoxControls, type BoxButton } from './BoxControls';
import { ConteScreen } from './ConteScreen';
import { keyButton } from './player-keys';
import {
  buttonLive,
  indexPlayerGraph,
  playerStage,
  playerStep,
  startPlayer,
  type PlayerEvent,
  type PlayerGraph,
  type PlayerState,
} from './player-machine';
import { announcement } from './player-words';
import { useStageSound } from './use-stage-sound';

const t = strings.player;

type Loaded = { story: Story } | { error: string };

export function PlayerView({ id, onBack }: { id: string; onBack: () => void }) {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    client.call('stories.get', { id }).then(
      ({ story }) => {
        if (live) setLoaded({ story });
      },
      (error: unknown) => {
        if (live) setLoaded({ error: isNotFound(error) ? strings.story.notFound : errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, id]);

  if (!loaded) {
    return (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  }
  if ('error' in loaded) {
    return (
      <section className="player" data-testid="player">
        <BackButton onBack={onBack} />
        <div className="notice notice-error" role="alert" data-testid="player-error">
          {loaded.error}
        </div>
      </section>
    );
  }
  return <StoryPlayer story={loaded.story} onBack={onBack} />;
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <div className="story-bar">
      <button type="button" className="button button-quiet" data-testid="player-back" onClick={onBack}>
        {t.back}
      </button>
    </div>
  );
}

function StoryPlayer({ story, onBack }: { story: Story; onBack: () => void }) {
  const player = useMemo(() => indexPlayerGraph(story.graph), [story.graph]);
  const [state, setState] = useState(() => startPlayer(player));
  const [conte, setConte] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const conteToggle = useRef<HTMLButtonElement>(null);
  const send = useCallback(
    (event: PlayerEvent) => setState((now) => playerStep(player, now, event)),
    [player],
  );
  const again = (): void => setState((now) => ({ ...startPlayer(player), playCount: now.playCount + 1 }));

  const stage = playerStage(player, state);
  const running = state.status === 'playing' || state.status === 'paused';
  const sound = useStageSound({
    audio: running ? (stage?.audio ?? null) : null,
    playKey: running ? state.playCount : -state.playCount,
    paused: state.status === 'paused',
    name: stage?.name ?? '',
    onEnded: useCallback(() => send({ type: 'audioEnded' }), [send]),
  });
  const live = liveButtons(player, state);
  const press = useCallback(
    (button: BoxButton) => setState((now) => playerStep(player, now, buttonEvent(player, now, button))),
    [player],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const button = keyButton(event);
      if (!button) return;
      event.preventDefault();
      press(button);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [press]);

  const said = announcement(player, state);
  const finished = !running;
  const exitConte = (): void => {
    setConte(false);
    // Why after the next paint: the toggle is inert until the Conte screen has gone.
    window.setTimeout(() => conteToggle.current?.focus(), 0);
  };

  return (
    <section className="player" data-testid="player" data-status={state.status} lang={story.language}>
      {sound.element}
      <BackButton onBack={onBack} />
      <h2 ref={heading} tabIndex={-1} data-testid="player-title">
        {t.title(story.title)}
      </h2>
      <p className="muted intro">{t.intro}</p>
      <div className="player-layout">
        <div className="player-box">
          <StageScreen imageHash={stage?.image?.hash ?? null} />
          <p className="player-now" aria-live="polite" data-testid="player-announcement">
            {said}
          </p>
          {running && stage && !stage.audio ? (
            <div className="notice notice-warn player-silent" data-testid="player-not-narrated">
              <p>{t.notNarrated}</p>
              <p className="player-text">{stage.text}</p>
            </div>
          ) : null}
          {sound.error ? (
            <p className="error-text" role="alert" data-testid="player-sound-error">
              {t.soundError(sound.error)}
            </p>
          ) : null}
          <SoundProgress progress={sound.progress} />
          {sound.blocked && !conte ? (
            <div className="player-blocked">
              <span className="muted">{t.soundWaiting}</span>
              <button
                type="button"
                className="button button-primary"
                data-testid="player-start-sound"
                onClick={sound.start}
              >
                {t.startSound}
              </button>
            </div>
          ) : null}
          <BoxControls live={live} paused={state.status === 'paused'} onPress={press} />
          <div className="actions">
            {finished ? (
              <button
                type="button"
                className="button button-primary"
                data-testid="player-again"
                onClick={again}
              >
                {t.again}
              </button>
            ) : null}
            <button
              type="button"
              ref={conteToggle}
              className="button player-conte-toggle"
              data-testid="conte-toggle"
              aria-describedby="player-conte-hint"
              onClick={() => setConte(true)}
            >
              {t.conte}
            </button>
            <span id="player-conte-hint" className="muted">
              {t.conteHint}
            </span>
          </div>
        </div>
        <PathList player={player} state={state} />
      </div>
      {conte ? (
        <ConteScreen
          announcement={said}
          progress={sound.progress}
          live={live}
          paused={state.status === 'paused'}
          finished={finished}
          blocked={sound.blocked}
          onPress={press}
          onStartSound={sound.start}
          onAgain={again}
          onExit={exitConte}
        />
      ) : null}
    </section>
  );
}

/** What each on-screen button does now; OK on a sound-less autoplay page skips ahead, as its silence would. */
function liveButtons(player: PlayerGraph, state: PlayerState): Record<BoxButton, boolean> {
  const wheel = buttonLive(player, state, 'wheel');
  return {
    left: wheel,
    right: wheel,
    ok: buttonLive(player, state, 'ok') || skipsSilence(player, state),
    home: buttonLive(player, state, 'home'),
    pause: buttonLive(player, state, 'pause'),
  };
}

function skipsSilence(player: PlayerGraph, state: PlayerState): boolean {
  const stage = playerStage(player, state);
  return (
    state.status === 'playing' && !!stage && !stage.audio && stage.controls.autoplay && !stage.controls.ok
  );
}

function buttonEvent(player: PlayerGraph, state: PlayerState, button: BoxButton): PlayerEvent {
  switch (button) {
    case 'left':
      return { type: 'wheel', delta: -1 };
    case 'right':
      return { type: 'wheel', delta: 1 };
    case 'ok':
      return skipsSilence(player, state) ? { type: 'audioEnded' } : { type: 'ok' };
    case 'home':
      return { type: 'home' };
    case 'pause':
      return { type: 'pause' };
  }
}

function StageScreen({ imageHash }: { imageHash: string | null }) {
  const url = usePictureUrl(imageHash);
  return (
    <div className="player-screen">{url ? <img src={url} alt="" data-testid="player-picture" /> : null}</div>
  );
}

function SoundProgress({ progress }: { progress: number }) {
  const percent = Math.round(progress * 100);
  return (
    <div
      className="player-progress"
      role="progressbar"
      aria-label={t.soundProgress}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="player-progress"
    >
      <div className="player-progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

function PathList({ player, state }: { player: PlayerGraph; state: PlayerState }) {
  return (
    <div className="player-path panel">
      <h3>{t.pathTitle}</h3>
      <ol data-testid="player-path">
        {state.path.map((stageId, index) => (
          <li key={`${index}:${stageId}`} data-stage-id={stageId}>
            {player.stages.get(stageId)?.name || stageId}
          </li>
        ))}
      </ol>
    </div>
  );
}
