/**
 * A classroom run's phase ("box 2 of 3: copying") in a teacher's words: which box, then that
 * box's own step as the single-box install says it. Anything else is passed on as it came.
 */
import { strings } from '../strings';
import { phaseWords } from './install-phase';

const BOX_STEP = /^box (\d+) of (\d+): (.+)$/;

export function classroomPhaseWords(phase: string | null): string {
  const step = phase === null ? null : BOX_STEP.exec(phase);
  if (!step) return phaseWords(phase);
  return strings.classroom.phase(Number(step[1]), Number(step[2]), phaseWords(step[3] ?? null));
}
