/**
 * The story's narration: its voice (grouped by language, the story's first), speed and pitch,
 * and "Read the story aloud" with page-by-page progress, Stop, and what the reading did.
 */
import { useEffect, useMemo, useState } from 'react';

import type { VoicePayload } from '../../../../api/contract';
import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { languageName } from '../../format';
import { ProgressBar } from '../../ProgressBar';
import { strings } from '../../strings';
import { useNarration, type VoiceSettings } from './NarrationContext';
import { NarrationResult } from './NarrationResult';
import { useNarrateJob, type NarrateState } from './use-narrate-job';
import { useVoiceSaver } from './use-voice-saver';
import { voiceGroups } from './voice-groups';

const t = strings.narration;

type Voices = { voices: VoicePayload[] } | { error: string };

const NO_VOICE: VoiceSettings = { voiceId: '', rate: 1, pitch: 1 };

export function NarrationPanel() {
  const client = useClient();
  const { storyId, language, voice, loadError, openFamily } = useNarration();
  const [voices, setVoices] = useState<Voices | null>(null);
  const [chosen, setChosen] = useState<Partial<VoiceSettings>>({});
  const [replaceRecordings, setReplaceRecordings] = useState(false);
  const saver = useVoiceSaver(storyId);
  const job = useNarrateJob();

  useEffect(() => {
    let live = true;
    client.call('narration.voices', {}).then(
      (result) => {
        if (live) setVoices({ voices: result.voices });
      },
      (error: unknown) => {
        if (live) setVoices({ error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  const list = voices && 'voices' in voices ? voices.voices : null;
  const groups = useMemo(() => (list ? voiceGroups(list, language, languageName) : []), [list, language]);
  // Why a blank voice rather than none: when the saved voice is gone, the parent can still pick another.
  const settings: VoiceSettings = { ...(voice ?? NO_VOICE), ...chosen };
  const selected = list?.find((item) => item.id === settings.voiceId);
  const known = selected !== undefined;
  // Why: a Piper voice has no pitch control; a slider that does nothing would mislead.
  const pitchless = selected?.engine === 'piper';
  const reading = job.state.status === 'reading';

  const change = (next: Partial<VoiceSettings>): void => {
    setChosen((now) => ({ ...now, ...next }));
    const changed = { ...settings, ...next };
    if (list?.some((item) => item.id === changed.voiceId)) saver.save(changed);
  };

  return (
    <section className="panel narration" aria-labelledby="narration-title" data-testid="narration-panel">
      <div className="narration-head">
        <h3 id="narration-title">{t.title}</h3>
        <button type="button" className="button button-quiet" data-testid="open-family" onClick={openFamily}>
          {t.family}
        </button>
      </div>
      <p className="muted">{t.intro}</p>

      {voices && 'error' in voices ? (
        <div className="notice notice-error" role="alert" data-testid="narration-error">
          {voices.error}
        </div>
      ) : list && list.length === 0 ? (
        <div className="notice notice-warn" role="alert" data-testid="narration-no-voices">
          {t.noVoices}
        </div>
      ) : loadError ? (
        <div className="notice notice-error" role="alert" data-testid="narration-error">
          {t.loadFailed(loadError)}
        </div>
      ) : null}

      {list && list.length > 0 ? (
        <div className="filters narration-voice">
          <label className="field field-grow">
            <span>{t.voice}</span>
            <select
              value={settings.voiceId}
              disabled={reading}
              data-testid="narration-voice"
              onChange={(event) => change({ voiceId: event.currentTarget.value })}
            >
              {known ? null : <option value="">{t.chooseVoice}</option>}
              {groups.map((group) => (
                <optgroup key={group.language} label={languageName(group.language)}>
                  {group.voices.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <Slider
            label={t.rate}
            value={settings.rate}
            min={0.5}
            max={2}
            step={0.1}
            valueText={t.rateValue(settings.rate)}
            disabled={reading}
            testId="narration-rate"
            onChange={(rate) => change({ rate })}
          />
          <Slider
            label={t.pitch}
            value={settings.pitch}
            min={0.5}
            max={1.5}
            step={0.05}
            valueText={pitchless ? t.noPitch : t.pitchValue(settings.pitch)}
            disabled={reading || pitchless}
            testId="narration-pitch"
            onChange={(pitch) => change({ pitch })}
          />
        </div>
      ) : voices === null ? (
        <p className="muted" role="status">
          {t.voicesLoading}
        </p>
      ) : null}
      <SaveLine state={saver.state} />

      <label className="check">
        <input
          type="checkbox"
          checked={replaceRecordings}
          disabled={reading}
          aria-describedby="narration-replace-hint"
          data-testid="narration-replace"
          onChange={(event) => setReplaceRecordings(event.currentTarget.checked)}
        />
        <span>{t.replaceRecordings}</span>
      </label>
      <p className="muted small" id="narration-replace-hint">
        {t.replaceRecordingsHint}
      </p>

      {reading ? (
        <ReadingProgress state={job.state} onStop={job.stop} />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="narration-read"
            disabled={!known}
            onClick={() => job.read(settings, replaceRecordings)}
          >
            {t.read}
          </button>
        </div>
      )}
      <NarrationResult state={job.state} onDismiss={job.dismiss} />
    </section>
  );
}

function Slider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  valueText: string;
  disabled: boolean;
  testId: string;
  onChange: (value: number) => void;
}) {
  return (
    <label className="field slider">
      <span>
        {props.label}: <span className="muted">{props.valueText}</span>
      </span>
      <input
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        aria-valuetext={props.valueText}
        data-testid={props.testId}
        onChange={(event) => props.onChange(Number(event.currentTarget.value))}
      />
    </label>
  );
}

function SaveLine({ state }: { state: ReturnType<typeof useVoiceSaver>['state'] }) {
  if (state.status === 'saving')
    return (
      <p className="muted" role="status">
        {t.saving}
      </p>
    );
  if (state.status === 'saved')
    return (
      <p className="ok-text" role="status" data-testid="narration-voice-saved">
        {t.saved}
      </p>
    );
  if (state.status === 'failed')
    return (
      <p className="error-text" role="alert">
        {state.message}
      </p>
    );
  return null;
}

function ReadingProgress({ state, onStop }: { state: NarrateState; onStop: () => void }) {
  if (state.status !== 'reading') return null;
  const { progress } = state;
  const label = !progress
    ? t.starting
    : progress.done < progress.total
      ? t.reading(progress.done + 1, progress.total)
      : t.finishing;
  return (
    <div className="narration-progress" role="status" data-testid="narration-progress">
      <ProgressBar label={label} done={progress?.done ?? 0} total={progress?.total ?? 0} />
      <button
        type="button"
        className="button"
        data-testid="narration-stop"
        disabled={state.stopping}
        // Why: "Read" went away under the finger; the next key press should reach Stop.
        autoFocus
        onClick={onStop}
      >
        {state.stopping ? t.stopping : t.stop}
      </button>
    </div>
  );
}
