import { describe, expect, it } from 'vitest';

import { canRedo, canUndo, createHistory, HISTORY_LIMIT, push, redo, undo } from './graph-history';

describe('graph history', () => {
  it('undoes and redoes snapshots in order, and a new edit drops the redo branch', () => {
    let history = push(push(createHistory('a'), 'b'), 'c');
    expect(canRedo(history)).toBe(false);
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe('b');
    history = push(history, 'd');
    expect(canRedo(history)).toBe(false);
    expect(history.past).toEqual(['a', 'b']);
  });

  it('merges edits of one group into a single step', () => {
    let history = push(createHistory('x'), 'L', 'rename:n1');
    history = push(history, 'Li', 'rename:n1');
    history = push(history, 'Lil', 'rename:n1');
    expect(history.past).toEqual(['x']);
    history = push(history, 'other', 'rename:n2');
    expect(undo(undo(history)).present).toBe('x');
  });

  it('an undo ends a group, so the next edit of that group is its own step', () => {
    let history = push(createHistory(0), 1, 'g');
    history = undo(history);
    history = push(history, 2, 'g');
    expect(history.past).toEqual([0]);
    expect(undo(history).present).toBe(0);
  });

  it('keeps at most the last HISTORY_LIMIT steps', () => {
    let history = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i += 1) history = push(history, i);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(50);
  });
});
