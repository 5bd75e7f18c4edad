/**
 * The companion chat: the parent's messages and the helper's replies (streamed as they form),
 * kept here and sent whole each turn, then read back as a Fabrique form on "Use this". Both
 * are jobs: each shows progress and can be stopped.
 */
import { useRef, useState } from 'react';

import type { TalemoClient } from '../../../api/contract';
import { errorCode, errorMessage, isCancelled } from '../error-message';
import type { AgeRange } from '../story-types';
import { LIMITS, type ChatForm } from './create-form';

export interface ChatMessage {
  role: 'user' | 'model';
  text: string;
}

export type ChatJob =
  | { kind: 'reply'; jobId: string; text: string; stopping: boolean }
  | { kind: 'form'; jobId: string; stopping: boolean };

export interface ChatState {
  messages: ChatMessage[];
  /** What the parent is typing (kept here so a stopped reply gives their words back). */
  input: string;
  job: ChatJob | null;
  stopped: boolean;
  error: { code: string | null; message: string } | null;
}

export interface CompanionChat {
  state: ChatState;
  setInput: (text: string) => void;
  send: (audience: { language: string; ageRange: AgeRange }) => void;
  stop: () => void;
  use: (audience: { language: string; ageRange: AgeRange }) => void;
  restart: () => void;
  /** The conversation is longer than what is sent: only its latest turns go. */
  clipped: boolean;
}

const START: ChatState = { messages: [], input: '', job: null, stopped: false, error: null };

export function useCompanionChat(client: TalemoClient, onForm: (form: ChatForm) => void): CompanionChat {
  const [state, setState] = useState<ChatState>(START);
  /** The form job still wanted: a restart while it runs means its answer must not fill the Fabrique. */
  const wantedForm = useRef<string | null>(null);

  const forJob =
    (jobId: string, change: (now: ChatState) => ChatState) =>
    (now: ChatState): ChatState =>
      now.job?.jobId === jobId ? change(now) : now;

  const failed = (now: ChatState, error: unknown): ChatState =>
    isCancelled(error)
      ? { ...now, job: null, stopped: true }
      : { ...now, job: null, error: { code: errorCode(error), message: errorMessage(error) } };

  const history = (messages: ChatMessage[]): ChatMessage[] => messages.slice(-LIMITS.chatTurns);

  const send: CompanionChat['send'] = ({ language, ageRange }) => {
    const message = state.input.trim();
    if (!message || state.job) return;
    const jobId = crypto.randomUUID();
    const before = state.messages;
    setState({
      ...state,
      messages: [...before, { role: 'user', text: message }],
      input: '',
      job: { kind: 'reply', jobId, text: '', stopping: false },
      stopped: false,
      error: null,
    });
    client
      .call(
        'chat.reply',
        { history: history(before), language, ageRange, message },
        {
          jobId,
          onProgress: ({ preview }) => {
            const text = preview?.paragraphs[0];
            if (text === undefined) return;
            setState(
              forJob(jobId, (now) =>
                now.job?.kind === 'reply' ? { ...now, job: { ...now.job, text } } : now,
              ),
            );
          },
        },
      )
      .then(
        ({ reply }) =>
          setState(
            forJob(jobId, (now) => ({
              ...now,
              job: null,
              messages: [...now.messages, { role: 'model', text: reply }],
            })),
          ),
        (error: unknown) =>
          // The message is taken back and returned to the box: a turn with no reply is not history.
          setState(
            forJob(jobId, (now) => failed({ ...now, messages: before, input: now.input || message }, error)),
          ),
      );
  };

  const use: CompanionChat['use'] = ({ language, ageRange }) => {
    if (state.job || state.messages.length === 0) return;
    const jobId = crypto.randomUUID();
    wantedForm.current = jobId;
    setState({ ...state, job: { kind: 'form', jobId, stopping: false }, stopped: false, error: null });
    client.call('chat.form', { history: history(state.messages), language, ageRange }, { jobId }).then(
      (form) => {
        setState(forJob(jobId, (now) => ({ ...now, job: null })));
        if (wantedForm.current === jobId) onForm(form);
      },
      (error: unknown) => setState(forJob(jobId, (now) => failed(now, error))),
    );
  };

  const stop = (): void => {
    const job = state.job;
    if (!job) return;
    setState(forJob(job.jobId, (now) => (now.job ? { ...now, job: { ...now.job, stopping: true } } : now)));
    void client.call('jobs.cancel', { jobId: job.jobId }).catch(() => undefined);
  };

  return {
    state,
    setInput: (input) => setState((now) => ({ ...now, input })),
    send,
    stop,
    use,
    restart: () => {
      if (state.job) void client.call('jobs.cancel', { jobId: state.job.jobId }).catch(() => undefined);
      wantedForm.current = null;
      setState(START);
    },
    clipped: state.messages.length > LIMITS.chatTurns,
  };
}
