/** A box job under way (an install, an export): its phase in words, a progress bar and Cancel. */
import type { ReactNode } from 'react';

import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';
import { phaseWords } from './install-phase';

const t = strings.devices;

export function JobProgress(props: {
  testId: string;
  progress: { phase: string; done: number; total: number } | null;
  cancelling: boolean;
  onCancel: () => void;
  /** The phase in words; the box jobs' words by default. */
  phaseLabel?: (phase: string | null) => string;
  children?: ReactNode;
}) {
  const words = props.phaseLabel ?? phaseWords;
  return (
    <div className="notice job" role="status" data-testid={`${props.testId}-progress`}>
      {props.children}
      <ProgressBar
        label={words(props.progress?.phase ?? null)}
        done={props.progress?.done ?? 0}
        total={props.progress?.total ?? 0}
      />
      <button
        type="button"
        className="button"
        data-testid={`${props.testId}-cancel`}
        disabled={props.cancelling}
        onClick={props.onCancel}
      >
        {props.cancelling ? t.cancelling : t.cancel}
      </button>
    </div>
  );
}
