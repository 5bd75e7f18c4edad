/**
 * The story as a map to edit: toolbar (add a step or a choice, undo, redo, save status), the
 * problems found, the canvas, and the panel for the selected box. Every change goes through
 * the draft (use-graph-draft.ts), which keeps the undo history and saves by itself.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';

import type { GraphIssuePayload } from '../../../../api/contract';
import { validateGraph } from '../../../../../device-bridge/pack/graph-validation';
import { inOwnWords } from '../graph-issue-words';
import type { StoryGraph } from '../../../../../device-bridge/pack/story-graph';
import { strings } from '../../strings';
import { GraphCanvas, graphNodeElementId } from './GraphCanvas';
import { diagramOf, placeIssues } from './graph-diagram';
import { addChoice, addOption, addStage, connect, deleteNode, move } from './graph-edits';
import { freeSpot, layoutDiagram, STAGE_SIZE } from './graph-layout';
import { GraphIssueSummary } from './GraphIssueSummary';
import { NodePanel, type PanelFocus } from './NodePanel';
import { SaveStatusLine } from './SaveStatusLine';
import type { GraphDraft } from './use-graph-draft';

const t = strings.graph;

/** A fresh node id: the schema's alphabet, unique like STUdio's UUIDs. */
function newId(): string {
  return crypto.randomUUID();
}

/** Keys typed in a text field or a list belong to it (its own undo, its own arrows). */
function isTyping(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return target.type !== 'checkbox' && target.type !== 'radio';
  return target.closest('textarea, select') !== null;
}

export function GraphEditor({
  draft,
  serverIssues,
}: {
  draft: GraphDraft;
  serverIssues: GraphIssuePayload[];
}) {
  const { graph } = draft;
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<PanelFocus>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement>(null);

  const diagram = useMemo(() => diagramOf(graph), [graph]);
  const boxes = useMemo(() => layoutDiagram(diagram, graph.coverId), [diagram, graph.coverId]);
  // Why both: the server's issues are the word on what is saved; between saves the same
  // validator, run here, keeps the map honest about the edit just made.
  const issues = useMemo(
    () => inOwnWords(draft.upToDate ? serverIssues : validateGraph(graph), graph),
    [draft.upToDate, serverIssues, graph],
  );
  const placed = useMemo(() => placeIssues(diagram, issues), [diagram, issues]);

  const edit = (change: (graph: StoryGraph) => StoryGraph, group?: string): void => {
    const refused = draft.edit(change, group);
    setRefusal(refused);
  };

  const showNode = (nodeId: string): void => {
    setSelected(nodeId);
    const element = document.getElementById(graphNodeElementId(nodeId));
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    element?.focus({ preventScroll: true });
  };

  /** Where a new box goes: the middle of what the canvas shows now, so the parent sees it. */
  const visibleMiddle = (): { x: number; y: number } => {
    const view = viewport.current;
    if (!view) return { x: 40, y: 40 };
    return {
      x: Math.max(0, view.scrollLeft + view.clientWidth / 2 - STAGE_SIZE.width / 2),
      y: Math.max(0, view.scrollTop + view.clientHeight / 2 - STAGE_SIZE.height / 2),
    };
  };

  const add = (kind: 'stage' | 'choice'): void => {
    const id = newId();
    const at = freeSpot(boxes, visibleMiddle(), STAGE_SIZE);
    const refused = draft.edit((g) =>
      kind === 'stage' ? addStage(g, id, t.newStageName, at) : addChoice(g, id, t.newChoiceName, at),
    );
    setRefusal(refused);
    if (!refused) {
      setSelected(id);
      // Why after a frame: the new box is drawn by the render this edit causes.
      requestAnimationFrame(() =>
        document.getElementById(graphNodeElementId(id))?.focus({ preventScroll: true }),
      );
    }
  };

  const remove = (nodeId: string): void => {
    edit((g) => deleteNode(g, nodeId));
    setSelected((now) => (now === nodeId ? null : now));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) draft.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') draft.redo();
    else return;
    event.preventDefault();
  };

  return (
    <div className="graph-editor" data-testid="graph-editor" onKeyDown={onKeyDown}>
      <div className="graph-toolbar" role="toolbar" aria-label={t.toolbarLabel}>
        <button type="button" className="button" data-testid="graph-add-stage" onClick={() => add('stage')}>
          {t.addStage}
        </button>
        <button type="button" className="button" data-testid="graph-add-choice" onClick={() => add('choice')}>
          {t.addChoice}
        </button>
        <button
          type="button"
          className="button"
          data-testid="graph-undo"
          aria-keyshortcuts="Control+Z"
          disabled={!draft.canUndo}
          onClick={draft.undo}
        >
          {t.undo}
        </button>
        <button
          type="button"
          className="button"
          data-testid="graph-redo"
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          disabled={!draft.canRedo}
          onClick={draft.redo}
        >
          {t.redo}
        </button>
        <SaveStatusLine status={draft.status} onRetry={draft.retry} />
      </div>
      {refusal ? (
        <p className="notice notice-error" role="alert" data-testid="graph-refusal">
          {t.refused(refusal)}
        </p>
      ) : null}
      <p className="muted graph-hint">{t.hint}</p>
      <GraphIssueSummary issues={issues} diagram={diagram} onShow={showNode} />
      <div className="graph-workspace">
        <GraphCanvas
          diagram={diagram}
          boxes={boxes}
          issuesOf={(nodeId) => placed.byNode.get(nodeId) ?? []}
          coverId={graph.coverId}
          selected={selected}
          label={t.canvasLabel}
          viewport={viewport}
          onSelect={setSelected}
          onMove={(nodeId, x, y) => edit((g) => move(g, nodeId, { x, y }), `move:${nodeId}`)}
          onLink={(from, handle, to) =>
            edit((g) => (handle === 'next' ? connect(g, from, to, newId()) : addOption(g, from, to)))
          }
          onHandlePress={(nodeId, control) => {
            setSelected(nodeId);
            setFocus({ nodeId, control, at: Date.now() });
          }}
          onDelete={remove}
        />
        <NodePanel
          diagram={diagram}
          coverId={graph.coverId}
          selected={selected}
          focus={focus}
          newId={newId}
          onEdit={edit}
          onDelete={remove}
        />
      </div>
    </div>
  );
}
