/**
 * The graph being edited, its undo history, and its autosave: each edit is saved by itself
 * about a second after the last one, one save at a time, always against the version the
 * server last gave back. A change made elsewhere (another window, the text view) is a
 * conflict, never overwritten; the story page shows its banner.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { StoryGraph } from '../../../../../device-bridge/pack/story-graph';
import type { Story } from '../../story-types';
import { useClient } from '../../client-context';
import { errorMessage, isConflict } from '../../error-message';
import { canRedo, canUndo, createHistory, push, redo, undo, type History } from './graph-history';

export const AUTOSAVE_DELAY_MS = 1000;

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string }
  | { kind: 'conflict' };

interface DraftState {
  storyId: string;
  /** The version the server last gave back: the next save is made against it. */
  version: number;
  history: History<StoryGraph>;
  /** The graph the server has (as sent by this editor, or as read). */
  saved: StoryGraph;
  status: SaveStatus;
}

export interface GraphDraft {
  graph: StoryGraph;
  status: SaveStatus;
  /** True when the graph shown is the one saved, so the server's issues are about it. */
  upToDate: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Applies an edit; returns the edit's refusal (its message) or null. */
  edit: (change: (graph: StoryGraph) => StoryGraph, group?: string) => string | null;
  undo: () => void;
  redo: () => void;
  /** Saves now what is waiting for its delay (before the page shows another view). */
  flush: () => void;
  /** Tries again a save that failed. */
  retry: () => void;
}

function fresh(story: Story): DraftState {
  return {
    storyId: story.id,
    version: story.version,
    history: createHistory(story.graph),
    saved: story.graph,
    status: { kind: 'saved' },
  };
}

/** The status once the graph shown is `present`: nothing to save when it is the saved one. */
function statusFor(state: DraftState, history: History<StoryGraph>): SaveStatus {
  if (state.status.kind === 'saving' || state.status.kind === 'conflict') return state.status;
  return history.present === state.saved ? { kind: 'saved' } : { kind: 'pending' };
}

export function useGraphDraft(
  story: Story | null,
  onSaved: (story: Story) => void,
  onConflict: () => void,
): GraphDraft | null {
  const client = useClient();
  const [draft, setDraft] = useState<DraftState | null>(null);
  const latest = useRef<DraftState | null>(null);
  const callbacks = useRef({ onSaved, onConflict });
  useEffect(() => {
    latest.current = draft;
    callbacks.current = { onSaved, onConflict };
  });

  // Why during render: a story opened, reloaded after a conflict, or saved from the text view
  // replaces the draft before anything is drawn from the old one. Edits not yet saved are kept
  // (their save will meet the newer version as a conflict, which the parent then sees).
  const settled = draft?.status.kind === 'saved' || draft?.status.kind === 'conflict';
  if (story && (!draft || draft.storyId !== story.id || (story.version > draft.version && settled))) {
    setDraft(fresh(story));
  }

  /** Every change goes through here, so edits, undo and saves made in one tick see each other. */
  const update = useCallback((change: (state: DraftState) => DraftState): void => {
    if (!latest.current) return;
    latest.current = change(latest.current);
    setDraft(latest.current);
  }, []);

  const save = useCallback(async (): Promise<void> => {
    const now = latest.current;
    if (!now || now.status.kind !== 'pending') return;
    const { storyId, version } = now;
    const graph = now.history.present;
    const mine = (change: (state: DraftState) => DraftState) => (state: DraftState) =>
      state.storyId === storyId ? change(state) : state;
    update((state) => ({ ...state, status: { kind: 'saving' } }));
    try {
      const updated = await client.call('stories.update', {
        id: storyId,
        expectedVersion: version,
        changes: { graph },
      });
      update(
        mine((state) => ({
          ...state,
          version: updated.version,
          saved: graph,
          status: state.history.present === graph ? { kind: 'saved' } : { kind: 'pending' },
        })),
      );
      callbacks.current.onSaved(updated);
    } catch (error) {
      const conflict = isConflict(error);
      update(
        mine((state) => ({
          ...state,
          status: conflict ? { kind: 'conflict' } : { kind: 'failed', reason: errorMessage(error) },
        })),
      );
      if (conflict) callbacks.current.onConflict();
    }
  }, [client, update]);

  const pending = draft?.status.kind === 'pending';
  const present = draft?.history.present;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [pending, present, save]);

  // Why: leaving the story page within the delay must not lose the last edit.
  useEffect(() => () => void save(), [save]);

  const edit = useCallback(
    (change: (graph: StoryGraph) => StoryGraph, group?: string): string | null => {
      const now = latest.current;
      if (!now) return null;
      let next: StoryGraph;
      try {
        next = change(now.history.present);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      update((state) => {
        const history = push(state.history, next, group ?? null);
        return { ...state, history, status: statusFor(state, history) };
      });
      return null;
    },
    [update],
  );

  const step = useCallback(
    (move: (history: History<StoryGraph>) => History<StoryGraph>) =>
      update((state) => {
        const history = move(state.history);
        return { ...state, history, status: statusFor(state, history) };
      }),
    [update],
  );

  if (!draft || !story || draft.storyId !== story.id) return null;
  return {
    graph: draft.history.present,
    status: draft.status,
    upToDate: draft.status.kind === 'saved' && story.version === draft.version,
    canUndo: canUndo(draft.history),
    canRedo: canRedo(draft.history),
    edit,
    undo: () => step(undo),
    redo: () => step(redo),
    flush: () => void save(),
    retry: () => {
      update((state) => ({
        ...state,
        status: state.history.present === state.saved ? { kind: 'saved' } : { kind: 'pending' },
      }));
      void save();
    },
  };
}
