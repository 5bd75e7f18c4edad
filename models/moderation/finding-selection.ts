/**
 * Which findings a parent is shown when there are more than MAX_FINDINGS: the most severe,
 * then the earliest. Deterministic: the same text always shows the same findings.
 */
import { severityRank } from './moderation-category';
import type { Severity } from './moderation-category';

export function selectMostSevere<T extends { severity: Severity; start: number }>(
  findings: readonly T[],
  max: number,
): { kept: T[]; omitted: number } {
  if (findings.length <= max) return { kept: [...findings], omitted: 0 };
  const ranked = findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order);
  return { kept: ranked.map(({ finding }) => finding), omitted: findings.length - max };
}
