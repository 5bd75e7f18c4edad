/**
 * What moderation found, in plain words: the kind of thing, how serious, and the sentence it
 * is in (personal data already masked by the core). On a story page a finding placed on a
 * node takes the parent there.
 */
import type { ModerationReportPayload } from '../../api/contract';
import { strings } from './strings';

const t = strings.moderation;

type Finding = ModerationReportPayload['findings'][number];

export function ModerationFindings({
  findings,
  omitted,
  onShow,
}: {
  findings: Finding[];
  omitted: number;
  /** Brings a node into view; without it (a draft not saved yet) findings are not links. */
  onShow?: ((nodeId: string) => void) | undefined;
}) {
  return (
    <>
      <ul className="findings" aria-label={t.findingsLabel} data-testid="moderation-findings">
        {findings.map((finding, index) => {
          const { nodeId, passage, term } = finding;
          // What matched, marked in its sentence (both come masked the same way).
          const at = term ? passage.indexOf(term) : -1;
          const body = (
            <>
              <span className="finding-head">
                <span className={`badge severity severity-${finding.severity}`}>
                  {t.severity[finding.severity] ?? finding.severity}
                </span>
                <strong className="finding-category">
                  {t.categories[finding.category] ?? finding.category}
                </strong>
                {finding.field === 'title' ? <span className="muted">{t.inTitle}</span> : null}
                {finding.field === 'summary' ? <span className="muted">{t.inSummary}</span> : null}
              </span>
              <q className="finding-passage" data-testid="finding-passage">
                {at < 0 ? (
                  passage
                ) : (
                  <>
                    {passage.slice(0, at)}
                    <mark>{term}</mark>
                    {passage.slice(at + term.length)}
                  </>
                )}
              </q>
            </>
          );
          return (
            <li
              key={index}
              data-testid="moderation-finding"
              data-category={finding.category}
              data-severity={finding.severity}
            >
              {onShow && nodeId ? (
                <button type="button" className="finding finding-link" onClick={() => onShow(nodeId)}>
                  {body}
                  <span className="finding-show">{t.show}</span>
                </button>
              ) : (
                <div className="finding">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
      {omitted > 0 ? <p className="muted">{t.omitted(omitted)}</p> : null}
    </>
  );
}
