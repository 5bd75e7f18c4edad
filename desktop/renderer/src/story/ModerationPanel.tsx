/**
 * Moderation on the story shown: checked again for each saved version. A flagged story says
 * plainly why it cannot go on a box yet, where (a finding on a page takes the parent there),
 * and lets a parent approve it for their family with a reason; an approved one says so,
 * quietly. A story with nothing found shows nothing.
 */
import { useEffect, useRef, useState } from 'react';

import type { ModerationReportPayload } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { formatDate } from '../format';
import { ModerationFindings } from '../ModerationFindings';
import { ReasonDecision } from '../ReasonDecision';
import type { AgeRange } from '../story-types';
import { strings } from '../strings';
import { showNode } from './NodeCards';

const t = strings.moderation;

type Checked = { key: string; report: ModerationReportPayload } | { key: string; error: string };

export function ModerationPanel({
  storyId,
  version,
  ageRange,
  onApproved,
  onStatus,
}: {
  storyId: string;
  /** A save may add or remove findings: checked again for each version. */
  version: number;
  ageRange: AgeRange;
  onApproved: () => void;
  /** What the latest check said, for the page's own "can go on a box" line. */
  onStatus: (status: ModerationReportPayload['status']) => void;
}) {
  const client = useClient();
  const [approvals, setApprovals] = useState(0);
  const key = `${storyId}@${version}#${approvals}`;
  const [checked, setChecked] = useState<Checked | null>(null);
  const approvedLine = useRef<HTMLParagraphElement>(null);
  // Why a ref: the page hands a new function each render, and the check follows the story, not it.
  const tellStatus = useRef(onStatus);
  useEffect(() => {
    tellStatus.current = onStatus;
  });

  useEffect(() => {
    let live = true;
    client.call('moderation.report', { storyId }).then(
      (report) => {
        if (!live) return;
        setChecked({ key, report });
        tellStatus.current(report.status);
      },
      (error: unknown) => {
        if (live) setChecked({ key, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, storyId, key]);

  // Why: the approval form the parent was in has gone; the focus goes to what replaced it.
  const status = checked && 'report' in checked ? checked.report.status : null;
  useEffect(() => {
    if (approvals > 0 && status === 'approved') approvedLine.current?.focus();
  }, [approvals, status]);

  if (!checked) return null;
  if ('error' in checked) {
    return (
      <div className="notice notice-error" role="alert" data-testid="moderation-error">
        {t.failed(checked.error)}
      </div>
    );
  }
  const { report } = checked;
  if (report.status === 'approved') {
    return report.decision ? (
      <p className="moderation-approved" ref={approvedLine} tabIndex={-1} data-testid="moderation-approved">
        ✓ {t.approvedOn(formatDate(report.decision.decidedAt), report.decision.reason)}
      </p>
    ) : null;
  }
  if (report.status !== 'flagged') return null;
  return (
    <section
      className="notice notice-warn moderation"
      data-testid="moderation-flagged"
      aria-labelledby="moderation-title"
      aria-busy={checked.key !== key}
    >
      <h3 className="notice-title" id="moderation-title">
        {t.flaggedTitle}
      </h3>
      <p>{t.flaggedBody(ageRange.replace('-', '–'))}</p>
      <ModerationFindings findings={report.findings} omitted={report.omitted} onShow={showNode} />
      <ReasonDecision
        words={{ ...t, open: t.approve }}
        testId="moderation-approve"
        decide={async (reason) => {
          await client.call('moderation.approve', { storyId, reason });
          setApprovals((n) => n + 1);
          onApproved();
        }}
      />
    </section>
  );
}
