/** Every problem the map has, each with a button that brings its box into view and focus. */
import type { GraphIssuePayload } from '../../../../api/contract';
import { strings } from '../../strings';
import type { Diagram } from './graph-diagram';

const t = strings.graph;

export function GraphIssueSummary({
  issues,
  diagram,
  onShow,
}: {
  issues: GraphIssuePayload[];
  diagram: Diagram;
  onShow: (nodeId: string) => void;
}) {
  if (issues.length === 0) {
    return (
      <p className="ok-text" data-testid="graph-no-issues">
        {t.summaryNone}
      </p>
    );
  }
  const shownId = (issue: GraphIssuePayload): string | null =>
    diagram.byId.has(issue.nodeId) ? issue.nodeId : (diagram.linkOwner.get(issue.nodeId) ?? null);
  return (
    <section
      className="graph-issues notice notice-warn"
      aria-labelledby="graph-issues-title"
      data-testid="graph-issues"
    >
      <h4 id="graph-issues-title" className="notice-title">
        ⚠ {t.summaryTitle(issues.length)}
      </h4>
      <ul>
        {issues.map((issue, index) => {
          const nodeId = shownId(issue);
          return (
            <li
              key={`${issue.nodeId}-${issue.code}-${index}`}
              data-testid="graph-issue"
              data-code={issue.code}
            >
              {issue.message}{' '}
              {nodeId ? (
                <button
                  type="button"
                  className="link"
                  data-testid="graph-issue-show"
                  data-node-id={nodeId}
                  onClick={() => onShow(nodeId)}
                >
                  {t.showNode}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
