/**
 * What the graph view draws: every stage, every choice, and the arrows between them. A "link"
 * (a one-option action that is not a menu, how outlines join a stage to the next) is not a box
 * of its own but a plain arrow from the stage to the stage it leads to; issues the validator
 * puts on a link are shown on the stage that uses it.
 */
import type { GraphIssuePayload } from '../../../../api/contract';
import type {
  ActionNode,
  StageNode,
  StoryGraph,
  Transition,
} from '../../../../../device-bridge/pack/story-graph';

const MENU_ACTION_KINDS = new Set<string>(['menu.questionaction', 'menu.optionsaction']);

export function isLink(action: ActionNode): boolean {
  return action.options.length === 1 && !MENU_ACTION_KINDS.has(action.kind ?? 'action');
}

export type DiagramNode =
  { type: 'stage'; id: string; stage: StageNode } | { type: 'choice'; id: string; action: ActionNode };

export type EdgeKind = 'next' | 'home' | 'option';

export interface DiagramEdge {
  key: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** The option's place in its choice (0 for next and home arrows). */
  option: number;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  byId: Map<string, DiagramNode>;
  /** Each link's id → the first stage whose transition uses it (where its issues are shown). */
  linkOwner: Map<string, string>;
}

export function diagramOf(graph: StoryGraph): Diagram {
  const actions = new Map(graph.actions.map((action) => [action.id, action]));
  const stageIds = new Set(graph.stages.map((stage) => stage.id));
  const nodes: DiagramNode[] = [
    ...graph.stages.map((stage) => ({ type: 'stage' as const, id: stage.id, stage })),
    ...graph.actions
      .filter((action) => !isLink(action))
      .map((action) => ({ type: 'choice' as const, id: action.id, action })),
  ];
  const edges: DiagramEdge[] = [];
  const linkOwner = new Map<string, string>();

  /** The node a transition's arrow ends on: the stage behind a link, or the choice itself. */
  const targetOf = (transition: Transition | null): string | null => {
    const action = transition ? actions.get(transition.action) : undefined;
    if (!action) return null;
    if (!isLink(action)) return action.id;
    const stage = action.options[0]!;
    return stageIds.has(stage) ? stage : null;
  };

  for (const stage of graph.stages) {
    for (const [kind, transition] of [
      ['next', stage.ok],
      ['home', stage.home],
    ] as const) {
      if (!transition) continue;
      const action = actions.get(transition.action);
      if (action && isLink(action) && !linkOwner.has(action.id)) linkOwner.set(action.id, stage.id);
      const to = targetOf(transition);
      if (to) edges.push({ key: `${stage.id}:${kind}`, from: stage.id, to, kind, option: 0 });
    }
  }
  for (const action of graph.actions) {
    if (isLink(action)) continue;
    action.options.forEach((option, index) => {
      if (stageIds.has(option)) {
        edges.push({
          key: `${action.id}:${index}`,
          from: action.id,
          to: option,
          kind: 'option',
          option: index,
        });
      }
    });
  }
  return { nodes, edges, byId: new Map(nodes.map((node) => [node.id, node])), linkOwner };
}

/** Where OK leads from a stage, as the diagram shows it: a stage id, a choice id, or null. */
export function nextOf(diagram: Diagram, stageId: string): string | null {
  return diagram.edges.find((edge) => edge.from === stageId && edge.kind === 'next')?.to ?? null;
}

/** Where HOME leads from this stage, as drawn; null: the box's own pack menu. */
export function homeOf(diagram: Diagram, stageId: string): string | null {
  return diagram.edges.find((edge) => edge.from === stageId && edge.kind === 'home')?.to ?? null;
}

export interface PlacedIssues {
  /** Issues per node drawn (links' issues on their stage). */
  byNode: Map<string, GraphIssuePayload[]>;
  /** Issues about nodes not drawn (a missing cover, a link nothing uses). */
  elsewhere: GraphIssuePayload[];
}

export function placeIssues(diagram: Diagram, issues: readonly GraphIssuePayload[]): PlacedIssues {
  const byNode = new Map<string, GraphIssuePayload[]>();
  const elsewhere: GraphIssuePayload[] = [];
  for (const issue of issues) {
    const nodeId = diagram.byId.has(issue.nodeId) ? issue.nodeId : diagram.linkOwner.get(issue.nodeId);
    if (!nodeId) {
      elsewhere.push(issue);
      continue;
    }
    const list = byNode.get(nodeId) ?? [];
    list.push(issue);
    byNode.set(nodeId, list);
  }
  return { byNode, elsewhere };
}
