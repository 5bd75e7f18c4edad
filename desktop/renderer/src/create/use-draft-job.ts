/**
 * One draft at a time from the local model: written as a job whose previews show the story
 * forming, stoppable (then nothing is saved), and kept in the library only when the parent
 * says "Keep it".
 */
import { useState } from 'react';

import {
  contract,
  type DraftPreviewPayload,
  type MethodInput,
  type TalemoClient,
} from '../../../api/contract';
import { errorCode, errorMessage, isCancelled } from '../error-message';
import { strings } from '../strings';
import type { DraftOutcome, DraftRequest, StoryDraft } from './create-form';

export type DraftState =
  | { status: 'idle' }
  | {
      status: 'drafting';
      jobId: string;
      request: DraftRequest;
      preview: DraftPreviewPayload | null;
      stopping: boolean;
    }
  | { status: 'stopped'; request: DraftRequest }
  | { status: 'failed'; request: DraftRequest; code: string | null; message: string }
  | {
      status: 'done';
      jobId: string;
      request: DraftRequest;
      draft: StoryDraft;
      moderation: DraftOutcome['moderation'];
      duplicates: DraftOutcome['duplicates'];
      saving: boolean;
      saveError: string | null;
    };

export interface DraftJob {
  state: DraftState;
  write: (request: DraftRequest) => void;
  stop: () => void;
  /** Saves the finished draft; resolves to the new story's id, or null if it was not saved. */
  keep: () => Promise<string | null>;
  dismiss: () => void;
}

type SavedProvenance = MethodInput<'drafts.save'>['provenance'];
const PROVENANCE_FIELDS = Object.keys(
  contract['drafts.save'].input.shape.provenance.shape,
) as (keyof SavedProvenance)[];

/**
 * What a story keeps of how its draft was made: exactly the fields the library stores, so the
 * draft's timings (firstTokenMs, totalMs), which describe this laptop's run, stay behind.
 */
export function savedProvenance(provenance: StoryDraft['provenance']): SavedProvenance {
  return Object.fromEntries(PROVENANCE_FIELDS.map((field) => [field, provenance[field]])) as SavedProvenance;
}

export function useDraftJob(client: TalemoClient): DraftJob {
  const [state, setState] = useState<DraftState>({ status: 'idle' });

  /** Applies a change only while the state still belongs to job `jobId` (not a newer one). */
  const forJob =
    (jobId: string, change: (now: DraftState) => DraftState) =>
    (now: DraftState): DraftState =>
      'jobId' in now && now.jobId === jobId ? change(now) : now;

  const write = (request: DraftRequest): void => {
    const jobId = crypto.randomUUID();
    setState({ status: 'drafting', jobId, request, preview: null, stopping: false });
    client
      .call('drafts.generate', request, {
        jobId,
        onProgress: ({ preview }) => {
          if (!preview) return;
          setState(forJob(jobId, (now) => (now.status === 'drafting' ? { ...now, preview } : now)));
        },
      })
      .then(
        ({ draft, moderation, duplicates }) =>
          setState(
            forJob(jobId, () =>
              draft.kind === 'story'
                ? {
                    status: 'done',
                    jobId,
                    request,
                    draft,
                    moderation,
                    duplicates,
                    saving: false,
                    saveError: null,
                  }
                : // Why: a prompt or Fabrique request always answers with a story; a page here is a core bug.
                  { status: 'failed', request, code: null, message: strings.errors.unknown },
            ),
          ),
        (error: unknown) =>
          setState(
            forJob(jobId, () =>
              isCancelled(error)
                ? { status: 'stopped', request }
                : { status: 'failed', request, code: errorCode(error), message: errorMessage(error) },
            ),
          ),
      );
  };

  const stop = (): void => {
    if (state.status !== 'drafting') return;
    const { jobId } = state;
    setState(forJob(jobId, (now) => (now.status === 'drafting' ? { ...now, stopping: true } : now)));
    // Why the error is dropped: if the draft finished first, its result simply shows.
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  const keep = async (): Promise<string | null> => {
    if (state.status !== 'done' || state.saving) return null;
    const { jobId, draft, request } = state;
    setState(
      forJob(jobId, (now) => (now.status === 'done' ? { ...now, saving: true, saveError: null } : now)),
    );
    try {
      const { story } = await client.call('drafts.save', {
        title: draft.title,
        summary: draft.summary,
        graph: draft.graph,
        language: request.language,
        ageRange: request.ageRange,
        provenance: savedProvenance(draft.provenance),
      });
      setState(forJob(jobId, () => ({ status: 'idle' })));
      return story.id;
    } catch (error) {
      setState(
        forJob(jobId, (now) =>
          now.status === 'done' ? { ...now, saving: false, saveError: errorMessage(error) } : now,
        ),
      );
      return null;
    }
  };

  return { state, write, stop, keep, dismiss: () => setState({ status: 'idle' }) };
}
