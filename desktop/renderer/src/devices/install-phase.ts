/**
 * The core's progress phases for box jobs ("preparing 1 of 2", "copying", "exporting") in a
 * parent's words. An unknown phase is shown as it came, rather than hidden.
 */
import { strings } from '../strings';

const t = strings.devices.phase;
const PREPARING = /^preparing (\d+) of (\d+)$/;

export function phaseWords(phase: string | null): string {
  if (phase === null) return t.starting;
  const preparing = PREPARING.exec(phase);
  if (preparing) return t.preparing(Number(preparing[1]), Number(preparing[2]));
  if (phase === 'copying') return t.copying;
  if (phase === 'exporting') return t.exporting;
  return phase;
}
