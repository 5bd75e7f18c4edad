/**
 * Checks that a story graph can be played by a child from start to end: every node is
 * reachable from the cover, every path ends or leads home, every choice leads somewhere.
 * Each problem names the node it is about, so the editor can show it on that node.
 */
import type { StageNode, StoryGraph } from './story-graph';

export type GraphIssueCode =
  | 'missing-cover'
  | 'duplicate-id'
  | 'unknown-action'
  | 'option-out-of-range'
  | 'choice-without-target'
  | 'unknown-stage'
  | 'unreachable'
  | 'dead-end'
  | 'end-with-next'
  | 'trap-cycle';

export interface GraphIssue {
  code: GraphIssueCode;
  /** The node the problem is located on (stage or action id). */
  nodeId: string;
  message: string;
}

export function validateGraph(graph: StoryGraph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const stages = new Map<string, StageNode>();
  const actions = new Map<string, string[]>();
  const label = (id: string): string => {
    const name = stages.get(id)?.name;
    return name ? `"${name}" (${id})` : id;
  };

  for (const stage of graph.stages) {
    if (stages.has(stage.id) || actions.has(stage.id)) {
      issues.push({ code: 'duplicate-id', nodeId: stage.id, message: `Two nodes share the id ${stage.id}.` });
    }
    stages.set(stage.id, stage);
  }
  for (const action of graph.actions) {
    if (stages.has(action.id) || actions.has(action.id)) {
      issues.push({
        code: 'duplicate-id',
        nodeId: action.id,
        message: `Two nodes share the id ${action.id}.`,
      });
    }
    actions.set(action.id, action.options);
  }

  if (!stages.has(graph.coverId)) {
    issues.push({
      code: 'missing-cover',
      nodeId: graph.coverId,
      message: `The cover node ${graph.coverId} does not exist: a story needs one cover stage.`,
    });
  }

  for (const action of graph.actions) {
    if (action.options.length === 0) {
      issues.push({
        code: 'choice-without-target',
        nodeId: action.id,
        message: `Choice "${action.name || action.id}" has no option to go to.`,
      });
    }
    action.options.forEach((target, index) => {
      if (!stages.has(target)) {
        issues.push({
          code: 'unknown-stage',
          nodeId: action.id,
          message: `Option ${index + 1} of choice "${action.name || action.id}" points to ${target}, which is not a stage node.`,
        });
      }
    });
  }

  for (const stage of graph.stages) {
    for (const [which, transition] of [
      ['OK', stage.ok],
      ['HOME', stage.home],
    ] as const) {
      if (!transition) continue;
      const options = actions.get(transition.action);
      if (!options) {
        issues.push({
          code: 'unknown-action',
          nodeId: stage.id,
          message: `The ${which} transition of ${label(stage.id)} points to ${transition.action}, which is not a choice node.`,
        });
      } else if (transition.optionIndex >= options.length) {
        issues.push({
          code: 'option-out-of-range',
          nodeId: stage.id,
          message: `The ${which} transition of ${label(stage.id)} picks option ${transition.optionIndex + 1}, but its choice has ${options.length}.`,
        });
      }
    }
    if (stage.end && stage.ok) {
      issues.push({
        code: 'end-with-next',
        nodeId: stage.id,
        message: `${label(stage.id)} is marked as an end but also has an OK transition.`,
      });
    }
    if (!stage.end && !stage.ok) {
      issues.push({
        code: 'dead-end',
        nodeId: stage.id,
        message: `${label(stage.id)} leads nowhere: give it a next node or mark it as an end.`,
      });
    }
  }

  // Reachability from the cover, through OK and HOME transitions into every option.
  const successors = (id: string): string[] => {
    const stage = stages.get(id);
    if (stage) {
      const next: string[] = [];
      if (stage.ok && actions.has(stage.ok.action)) next.push(stage.ok.action);
      if (stage.home && actions.has(stage.home.action)) next.push(stage.home.action);
      return next;
    }
    return (actions.get(id) ?? []).filter((target) => stages.has(target));
  };
  const reachable = new Set<string>();
  if (stages.has(graph.coverId)) {
    const queue = [graph.coverId];
    reachable.add(graph.coverId);
    while (queue.length > 0) {
      for (const next of successors(queue.pop()!)) {
        if (!reachable.has(next)) {
          reachable.add(next);
          queue.push(next);
        }
      }
    }
    for (const id of [...stages.keys(), ...actions.keys()]) {
      if (!reachable.has(id)) {
        issues.push({
          code: 'unreachable',
          nodeId: id,
          message: `${label(id)} cannot be reached from the cover.`,
        });
      }
    }
  }

  issues.push(...findTraps(graph, reachable, stages, successors));
  return issues;
}

/**
 * A child is trapped when no path leads to an end or to a HOME press that leaves the pack.
 * Dead ends are reported on their own; here we report each cycle of reachable nodes that
 * has no way out (a strongly connected component with no escape), once, on its first node.
 */
function findTraps(
  graph: StoryGraph,
  reachable: Set<string>,
  stages: Map<string, StageNode>,
  successors: (id: string) => string[],
): GraphIssue[] {
  const predecessors = new Map<string, string[]>();
  for (const id of reachable) {
    for (const next of successors(id)) {
      const list = predecessors.get(next) ?? [];
      list.push(id);
      predecessors.set(next, list);
    }
  }
  const canEscape = new Set<string>();
  const queue: string[] = [];
  for (const id of reachable) {
    const stage = stages.get(id);
    // Why: HOME with no transition of its own returns to the box's pack menu, a safe exit.
    if (stage && (stage.end || (stage.controls.home && !stage.home))) {
      canEscape.add(id);
      queue.push(id);
    }
  }
  while (queue.length > 0) {
    for (const previous of predecessors.get(queue.pop()!) ?? []) {
      if (!canEscape.has(previous)) {
        canEscape.add(previous);
        queue.push(previous);
      }
    }
  }
  const trapped = new Set([...reachable].filter((id) => !canEscape.has(id)));
  const issues: GraphIssue[] = [];
  for (const component of stronglyConnected(trapped, successors)) {
    const first = component[0]!;
    const isCycle = component.length > 1 || successors(first).includes(first);
    if (!isCycle) continue;
    const names = component.map((id) => stages.get(id)?.name || id).join(' → ');
    issues.push({
      code: 'trap-cycle',
      nodeId: first,
      message: `These nodes loop with no way home or to an end: ${names}. Add an end, or allow HOME on one of them.`,
    });
  }
  // Keep the order of the graph so messages are stable.
  const order = new Map([...graph.stages, ...graph.actions].map((node, index) => [node.id, index]));
  return issues.sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0));
}

/** Tarjan's algorithm, iterative so that a 5,000-node chain cannot overflow the stack. */
function stronglyConnected(nodes: Set<string>, successors: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: string[]; i: number }> = [];
    const visit = (id: string): void => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: successors(id).filter((n) => nodes.has(n)), i: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.next.length) {
        const next = frame.next[frame.i++]!;
        if (!index.has(next)) visit(next);
        else if (onStack.has(next)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component.reverse());
      }
    }
  }
  return components;
}
