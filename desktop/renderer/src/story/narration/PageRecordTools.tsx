/**
 * Recording a page, or importing a file for it: who is speaking, then Record with a live level
 * and Stop, listen back, Re-take or Use this recording. A child without recording consent
 * blocks both ways in, and the core checks again when the sound arrives.
 */
import { useRef, useState } from 'react';

import type { StageNode } from '../../../../../device-bridge/pack/story-graph';
import { ProgressBar } from '../../ProgressBar';
import { strings } from '../../strings';
import { useFocusOnMount } from '../../use-focus-on-mount';
import { LevelMeter } from './LevelMeter';
import { useNarration } from './NarrationContext';
import { recordingFileName } from './recording-format';
import { ADULT, blockedChild, speakerFrom } from './speaker-choice';
import { SpeakerPicker } from './SpeakerPicker';
import { useAttachJob, type AttachJob } from './use-attach-job';
import { useRecorder, type Recorder } from './use-recorder';

const t = strings.pageNarration;

export function PageRecordTools({ id, stage }: { id: string; stage: StageNode }) {
  const { profiles } = useNarration();
  const [speakerValue, setSpeakerValue] = useState(ADULT);
  const speaker = speakerFrom(speakerValue, profiles);
  const blocked = blockedChild(speaker) !== null;
  const recorder = useRecorder();
  const attach = useAttachJob(stage.id);
  const sending = attach.state.status === 'sending';
  const take = recorder.state;
  const live = take.status === 'asking' || take.status === 'recording';
  const name = stage.name || stage.id;

  const sendTake = async (): Promise<void> => {
    if (take.status !== 'recorded') return;
    const data = new Uint8Array(await take.blob.arrayBuffer());
    const file = {
      fileName: recordingFileName(take.blob.type, stage.id),
      data,
      source: 'recording' as const,
    };
    if (await attach.send(file, speaker)) recorder.discard();
  };

  const importFile = async (file: File): Promise<void> => {
    const data = new Uint8Array(await file.arrayBuffer());
    await attach.send({ fileName: file.name, data, source: 'import' }, speaker);
  };

  return (
    <div className="record-tools" id={id} data-testid="record-tools">
      <SpeakerPicker
        nodeId={stage.id}
        value={speakerValue}
        disabled={sending || live}
        onChange={(value) => {
          setSpeakerValue(value);
          if (attach.state.status !== 'sending') attach.dismiss();
        }}
      />
      {live ? (
        <Recording recorder={recorder} />
      ) : take.status === 'recorded' ? (
        <div className="take" data-testid="take">
          <audio
            className="take-audio"
            controls
            src={take.url}
            aria-label={t.listenBack}
            data-testid="take-audio"
          />
          <div className="actions">
            <button
              type="button"
              className="button"
              data-testid="take-retake"
              disabled={sending || blocked}
              onClick={recorder.start}
            >
              {t.retake}
            </button>
            <button
              type="button"
              className="button button-primary"
              data-testid="take-use"
              disabled={sending || blocked}
              onClick={() => void sendTake()}
            >
              {t.use}
            </button>
            <button
              type="button"
              className="button button-quiet"
              data-testid="take-discard"
              disabled={sending}
              onClick={recorder.discard}
            >
              {t.discard}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            data-testid="record-start"
            disabled={sending || blocked}
            onClick={recorder.start}
          >
            {t.record}
          </button>
          <ImportButton
            label={t.importLabel(name)}
            disabled={sending || blocked}
            onFile={(file) => void importFile(file)}
          />
        </div>
      )}
      {take.status === 'failed' ? (
        <p className="error-text" role="alert" data-testid="record-error">
          {take.reason === 'no-recorder' ? t.noRecorder : t.noMicrophone}
        </p>
      ) : null}
      <AttachStatus attach={attach} />
    </div>
  );
}

function Recording({ recorder }: { recorder: Recorder }) {
  const { state } = recorder;
  const recording = state.status === 'recording';
  return (
    <div className="recording" data-testid="recording">
      <span className="recording-time" role="status" data-testid="recording-status">
        {recording ? t.recording(clock(state.seconds)) : t.asking}
      </span>
      {recording ? <LevelMeter level={state.level} /> : null}
      <button
        type="button"
        className="button button-primary"
        data-testid="record-stop"
        disabled={!recording}
        // Why: Record went away under the finger; the next key press should reach Stop.
        autoFocus
        onClick={recorder.stop}
      >
        {t.stop}
      </button>
    </div>
  );
}

function ImportButton({
  label,
  disabled,
  onFile,
}: {
  label: string;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <label className={`button${disabled ? ' is-disabled' : ''}`}>
      <input
        ref={input}
        type="file"
        accept="audio/*,.mp3,.wav,.ogg,.opus,.m4a,.flac,.webm"
        className="visually-hidden"
        aria-label={label}
        disabled={disabled}
        data-testid="import-audio"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Why: picking the same file again must fire another change event.
          if (input.current) input.current.value = '';
          if (file) onFile(file);
        }}
      />
      {t.import}
    </label>
  );
}

function AttachStatus({ attach }: { attach: AttachJob }) {
  const { openFamily } = useNarration();
  const { state } = attach;
  switch (state.status) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <div className="notice attach-progress" role="status" data-testid="attach-progress">
          <ProgressBar label={t.sending} done={0} total={0} />
          <button
            type="button"
            className="button button-quiet"
            data-testid="attach-stop"
            disabled={state.stopping}
            onClick={attach.stop}
          >
            {t.cancel}
          </button>
        </div>
      );
    case 'done':
      return <AttachDone />;
    case 'cancelled':
      return (
        <p className="muted" role="status" data-testid="attach-cancelled">
          {t.cancelled}
        </p>
      );
    case 'failed':
      return (
        <div className="notice notice-error" role="alert" data-testid="attach-error">
          <p className="notice-title">{t.failed}</p>
          <p data-testid="attach-error-message">{state.message}</p>
          {state.code === 'consent-required' ? (
            <button type="button" className="button" onClick={openFamily}>
              {t.openFamily}
            </button>
          ) : null}
        </div>
      );
  }
}

/** Focused when it appears: the take it replaces held the focus, and the keyboard goes on from here. */
function AttachDone() {
  const line = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p className="ok-text" role="status" ref={line} tabIndex={-1} data-testid="attach-done">
      {t.saved}
    </p>
  );
}

/** 75.4 → "1:15". */
function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
