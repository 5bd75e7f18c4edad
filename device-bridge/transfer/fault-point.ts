/**
 * Crash points for the fault-injection harness (fault-injection/): a transfer calls
 * `faultPoint(label)` at each step where a power cut would leave a different state on the
 * box. Off unless the harness's child process sets TALEMO_FAULT_KILL_AT (the Nth point kills
 * the process with SIGKILL, as pulling the cable would) or TALEMO_FAULT_CUT_FILE (the Nth
 * file copied stops half-way and the process dies). Production runs never set them, and then
 * this is one comparison per step.
 */
import { writeSync } from 'node:fs';

const killAt = Number(process.env.TALEMO_FAULT_KILL_AT ?? 0);
const cutFile = Number(process.env.TALEMO_FAULT_CUT_FILE ?? 0);
const countSteps = process.env.TALEMO_FAULT_COUNT === '1';
let step = 0;
let filesCopied = 0;

export function faultPoint(label: string): void {
  if (killAt === 0 && !countSteps) return;
  step += 1;
  if (countSteps) writeSync(2, `fault-point ${step} ${label}\n`);
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
}

/** How many bytes of the next file to write before dying; undefined: the whole file. */
export function faultCutBytes(fileBytes: number): number | undefined {
  if (cutFile === 0) return undefined;
  filesCopied += 1;
  return filesCopied === cutFile ? Math.floor(fileBytes / 2) : undefined;
}

export function faultDie(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL was sent');
}

export function faultStepsTaken(): number {
  return step;
}
