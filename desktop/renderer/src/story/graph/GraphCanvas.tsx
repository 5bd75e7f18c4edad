/**
 * The story map: boxes for stages and choices at their layout places, arrows drawn in an SVG
 * behind them. The mouse moves a box (dragging it) and links boxes (dragging from a handle
 * onto another box); each finished gesture becomes one graph edit. The canvas scrolls to pan.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';

import type { GraphIssuePayload } from '../../../../api/contract';
import type { Diagram, DiagramEdge } from './graph-diagram';
import { canvasSize, optionRowY, type Box } from './graph-layout';
import { ChoiceBox, StageBox } from './GraphNodeBoxes';

export { graphNodeElementId } from './GraphNodeBoxes';

/** A gesture in progress: a box being moved, or an arrow being drawn from a handle. */
type Gesture =
  | {
      type: 'move';
      id: string;
      startX: number;
      startY: number;
      origin: Box;
      moved: boolean;
      x: number;
      y: number;
    }
  | { type: 'link'; from: string; handle: 'next' | 'option'; x: number; y: number };

/** How far the pointer must travel before a press on a box becomes a drag (not a click). */
const DRAG_THRESHOLD = 4;
const KEY_STEP = 20;

export function GraphCanvas({
  diagram,
  boxes,
  issuesOf,
  coverId,
  selected,
  label,
  viewport,
  onSelect,
  onMove,
  onLink,
  onHandlePress,
  onDelete,
}: {
  diagram: Diagram;
  boxes: Map<string, Box>;
  issuesOf: (nodeId: string) => GraphIssuePayload[];
  coverId: string;
  selected: string | null;
  label: string;
  viewport: RefObject<HTMLDivElement | null>;
  onSelect: (nodeId: string) => void;
  onMove: (nodeId: string, x: number, y: number) => void;
  onLink: (from: string, handle: 'next' | 'option', to: string) => void;
  onHandlePress: (nodeId: string, handle: 'next' | 'option') => void;
  onDelete: (nodeId: string) => void;
}) {
  const plane = useRef<HTMLDivElement>(null);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  /** Why: the browser ends a drag from a handle with a click on it, which is no press. */
  const dragged = useRef(false);
  const size = canvasSize(boxes);

  /** The pointer in canvas coordinates (the plane scrolls with the content). */
  const at = (event: PointerEvent): { x: number; y: number } => {
    const rect = plane.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const boxOf = (id: string): Box | undefined => {
    const box = boxes.get(id);
    if (box && gesture?.type === 'move' && gesture.id === id && gesture.moved)
      return { ...box, x: gesture.x, y: gesture.y };
    return box;
  };

  const startMove = (id: string, event: PointerEvent<HTMLElement>): void => {
    const box = boxes.get(id);
    if (event.button !== 0 || !box || (event.target as Element).closest('button')) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = at(event);
    setGesture({
      type: 'move',
      id,
      startX: point.x,
      startY: point.y,
      origin: box,
      moved: false,
      x: box.x,
      y: box.y,
    });
  };

  const startLink = (from: string, handle: 'next' | 'option', event: PointerEvent<HTMLElement>): void => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    dragged.current = false;
    setGesture({ type: 'link', from, handle, ...at(event) });
  };

  const onPointerMove = (event: PointerEvent<HTMLElement>): void => {
    if (!gesture) return;
    const point = at(event);
    if (gesture.type === 'link') {
      dragged.current = true;
      setGesture({ ...gesture, ...point });
      return;
    }
    const dx = point.x - gesture.startX;
    const dy = point.y - gesture.startY;
    const moved = gesture.moved || Math.hypot(dx, dy) > DRAG_THRESHOLD;
    setGesture({
      ...gesture,
      moved,
      x: Math.max(0, gesture.origin.x + dx),
      y: Math.max(0, gesture.origin.y + dy),
    });
  };

  const onPointerUp = (event: PointerEvent<HTMLElement>): void => {
    const done = gesture;
    setGesture(null);
    if (!done) return;
    if (done.type === 'move') {
      if (done.moved) onMove(done.id, done.x, done.y);
      else onSelect(done.id);
      return;
    }
    // Why hit-testing: with the pointer captured by the handle, the box under it gets no event.
    const target = document
      .elementFromPoint(event.clientX, event.clientY)
      ?.closest<HTMLElement>('[data-graph-node]')?.dataset.graphNode;
    // Why a stage may point at itself (a repeat) but a choice not: a choice's options are stages.
    if (target && !(target === done.from && done.handle === 'option')) onLink(done.from, done.handle, target);
  };

  const onKeyDown = (id: string, event: KeyboardEvent<HTMLElement>): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
      return;
    }
    if (event.key === 'Delete' && id !== coverId) {
      event.preventDefault();
      onDelete(id);
      return;
    }
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    const box = boxes.get(id);
    if (!step || !box || !event.altKey) return;
    event.preventDefault();
    onMove(id, Math.max(0, box.x + step[0]! * KEY_STEP), Math.max(0, box.y + step[1]! * KEY_STEP));
  };

  const pressHandle = (id: string, handle: 'next' | 'option'): void => {
    if (dragged.current) dragged.current = false;
    else onHandlePress(id, handle);
  };

  const linkStart =
    gesture?.type === 'link' ? handleAnchor(gesture.from, gesture.handle, diagram, boxOf) : null;

  return (
    <div
      className="graph-viewport"
      ref={viewport}
      data-testid="graph-canvas"
      role="region"
      aria-label={label}
    >
      <div
        className="graph-plane"
        ref={plane}
        style={{ width: size.width, height: size.height }}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setGesture(null)}
      >
        <svg className="graph-edges" width={size.width} height={size.height} aria-hidden="true">
          <defs>
            <marker
              id="graph-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          {diagram.edges.map((edge) => (
            <EdgePath key={edge.key} edge={edge} diagram={diagram} boxOf={boxOf} />
          ))}
          {linkStart && gesture?.type === 'link' ? (
            <path
              className="graph-edge graph-edge-drawing"
              d={curve(linkStart.x, linkStart.y, gesture.x, gesture.y)}
              markerEnd="url(#graph-arrow)"
            />
          ) : null}
        </svg>
        {diagram.nodes.map((node) => {
          const box = boxOf(node.id);
          if (!box) return null;
          const common = {
            box,
            issues: issuesOf(node.id),
            selected: selected === node.id,
            dragging: gesture?.type === 'move' && gesture.id === node.id && gesture.moved,
            onPointerDown: (event: PointerEvent<HTMLElement>) => startMove(node.id, event),
            onKeyDown: (event: KeyboardEvent<HTMLElement>) => onKeyDown(node.id, event),
          };
          return node.type === 'stage' ? (
            <StageBox
              key={node.id}
              {...common}
              stage={node.stage}
              isCover={node.id === coverId}
              onHandleDown={(event) => startLink(node.id, 'next', event)}
              onHandlePress={() => pressHandle(node.id, 'next')}
            />
          ) : (
            <ChoiceBox
              key={node.id}
              {...common}
              action={node.action}
              optionName={(id) => {
                const target = diagram.byId.get(id);
                return target?.type === 'stage' ? target.stage.name || id : null;
              }}
              onHandleDown={(event) => startLink(node.id, 'option', event)}
              onHandlePress={() => pressHandle(node.id, 'option')}
            />
          );
        })}
      </div>
    </div>
  );
}

function EdgePath({
  edge,
  diagram,
  boxOf,
}: {
  edge: DiagramEdge;
  diagram: Diagram;
  boxOf: (id: string) => Box | undefined;
}) {
  const from = boxOf(edge.from);
  const to = boxOf(edge.to);
  if (!from || !to || !diagram.byId.has(edge.from)) return null;
  const start =
    edge.kind === 'option'
      ? { x: from.x + from.width, y: from.y + optionRowY(edge.option) }
      : edge.kind === 'home'
        ? { x: from.x + from.width / 2, y: from.y + from.height }
        : { x: from.x + from.width, y: from.y + from.height / 2 };
  return (
    <path
      className={`graph-edge graph-edge-${edge.kind}`}
      d={curve(start.x, start.y, to.x, to.y + Math.min(to.height / 2, 40))}
      markerEnd="url(#graph-arrow)"
      data-testid="graph-edge"
      data-from={edge.from}
      data-to={edge.to}
      data-kind={edge.kind}
    />
  );
}

/** Where an arrow drawn from a handle starts. */
function handleAnchor(
  id: string,
  handle: 'next' | 'option',
  diagram: Diagram,
  boxOf: (id: string) => Box | undefined,
): { x: number; y: number } | null {
  const box = boxOf(id);
  const node = diagram.byId.get(id);
  if (!box || !node) return null;
  return handle === 'next'
    ? { x: box.x + box.width, y: box.y + box.height / 2 }
    : { x: box.x + box.width / 2, y: box.y + box.height };
}

/** A smooth arrow leaving rightwards and arriving from the left, even when it runs backwards. */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const bend = Math.max(40, Math.abs(x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}
