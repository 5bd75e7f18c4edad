/**
 * A story's graph problems in the UI's language. The validator (device-bridge) words them in
 * English with node ids, for logs and the CLI; a parent reads step names instead, in French
 * or English. A code this file does not know keeps the validator's words.
 */
import type { GraphIssuePayload } from '../../../api/contract';
import type { StoryGraph } from '../../../../device-bridge/pack/story-graph';
import { strings, type Strings } from '../strings';

export type GraphIssueWords = Strings['graphIssues'];

function nameIn(graph: StoryGraph, id: string): string {
  const node =
    graph.stages.find((stage) => stage.id === id) ?? graph.actions.find((action) => action.id === id);
  return node?.name.trim() || id;
}

export function graphIssueText(
  issue: GraphIssuePayload,
  graph: StoryGraph,
  words: GraphIssueWords = strings.graphIssues,
): string {
  const say = (words as Record<string, ((name: string) => string) | undefined>)[issue.code];
  return say ? say(nameIn(graph, issue.nodeId)) : issue.message;
}

/** The same problems, each with its message in the UI's words. */
export function inOwnWords(
  issues: readonly GraphIssuePayload[],
  graph: StoryGraph,
  words: GraphIssueWords = strings.graphIssues,
): GraphIssuePayload[] {
  return issues.map((issue) => ({ ...issue, message: graphIssueText(issue, graph, words) }));
}
