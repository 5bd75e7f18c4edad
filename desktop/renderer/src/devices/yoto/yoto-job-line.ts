/**
 * One Yoto queue entry as the panel shows it: the state in the parent's words, a progress bar
 * when something moves (bytes while the audio goes up, files otherwise), and what can be done
 * with it. Kept apart from the component so the rules are tested without a browser.
 */
import type { MethodOutput } from '../../../../api/contract';
import { strings, type Strings } from '../../strings';

export type YotoStatusPayload = MethodOutput<'yoto.status'>;
export type YotoJobEntry = YotoStatusPayload['jobs'][number];

export interface YotoJobLine {
  state: string;
  /** The core's own words when they say more than the state (why it failed, why it waits). */
  detail: string | null;
  progress: { done: number; total: number } | null;
  canRetry: boolean;
  /**
   * The playlist's id in the parent's Yoto library. Why no link: Yoto documents no web address
   * for a playlist, and a guessed one could break; the Yoto app lists it by its title.
   */
  cardId: string | null;
}

/** Reasons Talemo waits out by itself (it tries again later). */
const WAITS_OUT = new Set(['offline', 'timeout', 'server']);

/** Why, in the UI's words when the reason's code has some; else the core's own sentence. */
function reasonText(job: YotoJobEntry, words: Strings['yoto']): string {
  const say = job.reason
    ? (words.reason as Record<string, ((said: string) => string) | undefined>)[job.reason]
    : undefined;
  return say ? say(job.message) : job.message;
}

export function yotoJobLine(
  job: YotoJobEntry,
  signIn: YotoStatusPayload['signIn'],
  words: Strings['yoto'] = strings.yoto,
): YotoJobLine {
  const base = { detail: null, progress: null, canRetry: false, cardId: null };
  switch (job.state) {
    case 'waiting':
      if (signIn !== 'signed-in') return { ...base, state: words.state.waitingSignIn, detail: null };
      if (job.reason && WAITS_OUT.has(job.reason))
        return { ...base, state: words.state.waitingNetwork, detail: reasonText(job, words) };
      return { ...base, state: words.state.waiting, progress: filesProgress(job) };
    case 'uploading':
      return {
        ...base,
        state: words.state.uploading,
        progress:
          job.bytesTotal !== undefined && job.bytesTotal > 0
            ? { done: job.bytesSent ?? 0, total: job.bytesTotal }
            : filesProgress(job),
      };
    case 'transcoding':
      return { ...base, state: words.state.transcoding, progress: filesProgress(job) };
    case 'saving':
      return { ...base, state: words.state.saving, progress: { done: 0, total: 0 } };
    case 'done':
      return { ...base, state: words.state.done, detail: words.doneHint, cardId: job.cardId ?? null };
    case 'failed':
      return { ...base, state: words.state.failed, detail: reasonText(job, words), canRetry: true };
  }
}

function filesProgress(job: YotoJobEntry): { done: number; total: number } | null {
  return job.filesTotal > 0 ? { done: job.filesDone, total: job.filesTotal } : null;
}

/** The send job's phases (desktop/core/packs/pack-job.ts) in words; an unknown one as it came. */
export function yotoSendPhase(phase: string | null, words: Strings['yoto'] = strings.yoto): string {
  if (phase === null) return words.sendPhase.starting;
  if (phase === 'narrating prompts') return words.sendPhase.narrating;
  if (phase === 'joining chapters') return words.sendPhase.joining;
  if (phase === 'encoding chapters') return words.sendPhase.encoding;
  return phase;
}

/** How often the panel reads the queue: often while something moves, rarely while all is still. */
export function yotoPollMs(status: YotoStatusPayload | null): number {
  if (status === null) return 1500;
  const moving = status.sending || status.signIn === 'signing-in';
  return moving ? 700 : 4000;
}
