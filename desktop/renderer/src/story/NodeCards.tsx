import type { ReactNode } from 'react';

import type { GraphIssuePayload } from '../../../api/contract';
import type { ActionNode, StageNode } from '../../../../device-bridge/pack/story-graph';
import { usePictureUrl } from '../asset-url';
import { strings } from '../strings';
import { PageNarration } from './narration/PageNarration';

const t = strings.story;

export function nodeElementId(nodeId: string): string {
  return `node-${nodeId}`;
}

/** Brings a node into view and puts the keyboard focus on it. */
export function showNode(nodeId: string): void {
  const element = document.getElementById(nodeElementId(nodeId));
  if (!element) return;
  element.scrollIntoView({ behavior: 'smooth', block: 'start' });
  element.focus({ preventScroll: true });
}

export function IssueList({ issues }: { issues: GraphIssuePayload[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="issues" role="note" aria-label={t.issuesTitle}>
      <p className="issues-title">⚠ {t.issuesTitle}</p>
      <ul>
        {issues.map((issue, index) => (
          <li key={index} data-testid="node-issue" data-code={issue.code}>
            {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NodePicture({ stage }: { stage: StageNode }) {
  const url = usePictureUrl(stage.image?.hash);
  if (!stage.image) return null;
  return (
    <div className="node-picture">
      {url ? <img src={url} alt={t.pictureOf(stage.name)} data-testid="node-image" /> : null}
    </div>
  );
}

export function StageCard({
  stage,
  next,
  issues,
  language,
  draft,
  saving,
  justSaved,
  onDraft,
  onSave,
  picture,
}: {
  stage: StageNode;
  next: StageNode | null;
  issues: GraphIssuePayload[];
  language: string;
  draft: string | undefined;
  saving: boolean;
  justSaved: boolean;
  onDraft: (text: string) => void;
  onSave: (text: string) => void;
  /** The page's picture tools and the page as the box screen shows it (page-picture/, box-screen/). */
  picture: ReactNode;
}) {
  const text = draft ?? stage.text;
  const dirty = draft !== undefined && draft !== stage.text;
  const kind = t.kind[stage.kind ?? 'stage'] ?? t.kind.stage;
  const textId = `text-${stage.id}`;
  return (
    <article
      className={`node${issues.length > 0 ? ' has-issues' : ''}`}
      id={nodeElementId(stage.id)}
      tabIndex={-1}
      data-testid="node"
      data-node-id={stage.id}
      data-kind={stage.kind ?? 'stage'}
    >
      <header className="node-head">
        <span className={`badge badge-kind badge-kind-${stage.kind ?? 'stage'}`}>{kind}</span>
        <h3 className="node-name" data-testid="node-name">
          {stage.name || stage.id}
        </h3>
      </header>
      <IssueList issues={issues} />
      <div className="node-body">
        <NodePicture stage={stage} />
        <div className="node-main">
          <label className="field field-wide" htmlFor={textId}>
            <span>{t.text}</span>
          </label>
          <textarea
            id={textId}
            lang={language}
            value={text}
            rows={Math.min(12, Math.max(3, Math.ceil(text.length / 70)))}
            onChange={(event) => onDraft(event.currentTarget.value)}
            data-testid="node-text"
          />
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!dirty || saving}
              onClick={() => onSave(text)}
              data-testid="node-save"
            >
              {saving ? t.saving : t.saveText}
            </button>
            {dirty ? (
              <span className="muted">{t.unsaved}</span>
            ) : justSaved ? (
              <span className="ok-text" role="status" data-testid="node-saved">
                ✓ {t.saved}
              </span>
            ) : null}
          </div>
          <PageNarration stage={stage} />
          {picture}
        </div>
      </div>
      {stage.end ? (
        <p className="node-foot" data-testid="node-end">
          {t.end}
        </p>
      ) : next ? (
        <p className="node-foot">
          <button type="button" className="link" onClick={() => showNode(next.id)}>
            {t.next(next.name || next.id)} ↓
          </button>
        </p>
      ) : null}
    </article>
  );
}

export function ChoiceCard({
  action,
  options,
  issues,
}: {
  action: ActionNode;
  options: { id: string; stage: StageNode | null }[];
  issues: GraphIssuePayload[];
}) {
  return (
    <article
      className={`node node-choice${issues.length > 0 ? ' has-issues' : ''}`}
      id={nodeElementId(action.id)}
      tabIndex={-1}
      data-testid="choice"
      data-node-id={action.id}
    >
      <header className="node-head">
        <h3 className="node-name">{t.choiceTitle(action.name)}</h3>
      </header>
      <IssueList issues={issues} />
      <p className="muted">{t.choiceHint}</p>
      <ol className="choice-options">
        {options.map((option, index) => (
          <li key={`${option.id}-${index}`}>
            <button
              type="button"
              className="button"
              data-testid="choice-option"
              disabled={!option.stage}
              onClick={() => showNode(option.id)}
            >
              {option.stage ? option.stage.name || option.id : t.choiceMissing(option.id)}
            </button>
          </li>
        ))}
      </ol>
    </article>
  );
}
