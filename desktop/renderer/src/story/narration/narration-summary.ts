/** What a "Read the story aloud" run did, counted by outcome, in the order a parent cares about. */
import { NODE_OUTCOMES } from '../../../../api/contract';

export type NodeOutcome = (typeof NODE_OUTCOMES)[number];

export type OutcomeCounts = Record<NodeOutcome, number>;

export function countOutcomes(nodes: readonly { outcome: NodeOutcome }[]): OutcomeCounts {
  const counts = Object.fromEntries(NODE_OUTCOMES.map((outcome) => [outcome, 0])) as OutcomeCounts;
  for (const { outcome } of nodes) counts[outcome] += 1;
  return counts;
}

/** The outcomes worth a line, most news first: pages read now, then reused, unchanged, kept, silent. */
export const SUMMARY_ORDER: readonly NodeOutcome[] = ['synthesised', 'reused', 'unchanged', 'kept', 'silent'];

export function summaryParts(counts: OutcomeCounts): { outcome: NodeOutcome; count: number }[] {
  return SUMMARY_ORDER.filter((outcome) => counts[outcome] > 0).map((outcome) => ({
    outcome,
    count: counts[outcome],
  }));
}
