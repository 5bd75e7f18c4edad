/**
 * Where each box of the diagram sits on the canvas. A node the parent placed keeps its saved
 * `position`; the others get a layered layout read left to right: the cover in the first
 * column, then each node one column after the nearest node leading to it. Nodes no path
 * reaches go in a last column, so they stand apart as the validator says they are.
 */
import type { Diagram, DiagramNode } from './graph-diagram';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const STAGE_SIZE = { width: 210, height: 150 } as const;
const CHOICE_WIDTH = 200;
const CHOICE_HEAD = 64;
const CHOICE_ROW = 34;
const CHOICE_FOOT = 48;
const COLUMN_GAP = 80;
const ROW_GAP = 36;
const MARGIN = 32;

/** A choice grows with its options; the sizes are fixed so arrows need no measuring of the page. */
export function sizeOf(node: DiagramNode): { width: number; height: number } {
  if (node.type === 'stage') return STAGE_SIZE;
  return {
    width: CHOICE_WIDTH,
    height: CHOICE_HEAD + CHOICE_ROW * Math.max(1, node.action.options.length) + CHOICE_FOOT,
  };
}

/** The vertical middle of option `index` of a choice, from the top of its box. */
export function optionRowY(index: number): number {
  return CHOICE_HEAD + CHOICE_ROW * index + CHOICE_ROW / 2;
}

export function layoutDiagram(diagram: Diagram, coverId: string): Map<string, Box> {
  const depth = depthsFrom(diagram, coverId);
  const deepest = Math.max(0, ...depth.values());
  const columns: DiagramNode[][] = [];
  for (const node of diagram.nodes) {
    const column = depth.get(node.id) ?? deepest + 1;
    (columns[column] ??= []).push(node);
  }
  const boxes = new Map<string, Box>();
  const columnX = STAGE_SIZE.width + COLUMN_GAP;
  columns.forEach((column, index) => {
    let y = MARGIN;
    for (const node of column) {
      const size = sizeOf(node);
      const saved = node.type === 'stage' ? node.stage.position : node.action.position;
      boxes.set(node.id, saved ? { ...saved, ...size } : { x: MARGIN + index * columnX, y, ...size });
      if (!saved) y += size.height + ROW_GAP;
    }
  });
  return boxes;
}

/** Breadth-first distance from the cover, following every arrow of the diagram. */
function depthsFrom(diagram: Diagram, coverId: string): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const edge of diagram.edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const depth = new Map<string, number>();
  if (!diagram.byId.has(coverId)) return depth;
  depth.set(coverId, 0);
  const queue = [coverId];
  for (let at = 0; at < queue.length; at += 1) {
    const id = queue[at]!;
    for (const to of next.get(id) ?? []) {
      if (depth.has(to)) continue;
      depth.set(to, depth.get(id)! + 1);
      queue.push(to);
    }
  }
  return depth;
}

/** The size the canvas needs to hold every box, with a margin to drop new ones. */
export function canvasSize(boxes: Map<string, Box>): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const box of boxes.values()) {
    width = Math.max(width, box.x + box.width);
    height = Math.max(height, box.y + box.height);
  }
  return { width: width + 2 * STAGE_SIZE.width, height: height + STAGE_SIZE.height };
}

/** Room kept around a new box, so a choice growing by an option or two does not cover it. */
const FREE_MARGIN = 2 * CHOICE_ROW;

/**
 * The place nearest to `wanted` (searched row by row, below first) where a box of `size`
 * overlaps no other box, margin included.
 */
export function freeSpot(
  boxes: Map<string, Box>,
  wanted: { x: number; y: number },
  size: { width: number; height: number },
): { x: number; y: number } {
  const taken = [...boxes.values()];
  const free = (x: number, y: number): boolean =>
    taken.every(
      (box) =>
        x + size.width + FREE_MARGIN <= box.x ||
        box.x + box.width + FREE_MARGIN <= x ||
        y + size.height + FREE_MARGIN <= box.y ||
        box.y + box.height + FREE_MARGIN <= y,
    );
  const step = 40;
  for (let row = 0; row < 60; row += 1) {
    for (const column of [0, 1, -1, 2, -2, 3, -3]) {
      const x = Math.max(0, Math.round(wanted.x + column * (size.width + step)));
      const y = Math.max(0, Math.round(wanted.y + row * step));
      if (free(x, y)) return { x, y };
    }
  }
  // Why a fallback: a map full everywhere near still gets the box, below everything else.
  return {
    x: Math.max(0, wanted.x),
    y: Math.max(0, ...taken.map((box) => box.y + box.height + FREE_MARGIN)),
  };
}
