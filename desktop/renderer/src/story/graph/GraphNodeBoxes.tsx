/**
 * The two kinds of box on the story map. A stage shows its name, its first words and badges
 * (cover, end, sound, picture) and a "next" handle; a choice lists its options and has a
 * "+ option" handle. A box with problems is outlined in red and says the first one.
 */
import type { KeyboardEvent, PointerEvent, ReactNode } from 'react';

import type { GraphIssuePayload } from '../../../../api/contract';
import type { ActionNode, StageNode } from '../../../../../device-bridge/pack/story-graph';
import { strings } from '../../strings';
import type { Box } from './graph-layout';

const t = strings.graph;
const FIRST_WORDS = 90;

export function graphNodeElementId(nodeId: string): string {
  return `graph-node-${nodeId}`;
}

interface BoxProps {
  box: Box;
  issues: GraphIssuePayload[];
  selected: boolean;
  dragging: boolean;
  onPointerDown: (event: PointerEvent<HTMLElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  onHandleDown: (event: PointerEvent<HTMLElement>) => void;
  onHandlePress: () => void;
}

function boxClass(kind: string, { issues, selected, dragging }: BoxProps): string {
  return [
    'graph-node',
    `graph-${kind}`,
    issues.length > 0 ? 'has-issues' : '',
    selected ? 'is-selected' : '',
    dragging ? 'is-dragging' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function firstWords(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ');
  return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).replace(/\s\S*$/, '')}…` : words;
}

function IssueNote({ issues }: { issues: GraphIssuePayload[] }) {
  const first = issues[0];
  if (!first) return null;
  return (
    <p
      className="graph-node-issue"
      data-testid="graph-node-issue"
      data-code={first.code}
      title={issues.map((i) => i.message).join('\n')}
    >
      ⚠ {first.message}
      {issues.length > 1 ? ` (+${issues.length - 1})` : ''}
    </p>
  );
}

/** The box itself: placed, focusable, selectable and draggable, whatever it holds. */
function NodeFrame({
  type,
  id,
  label,
  props,
  children,
}: {
  type: 'stage' | 'choice';
  id: string;
  label: string;
  props: BoxProps;
  children: ReactNode;
}) {
  const { box, issues } = props;
  return (
    <div
      className={boxClass(type, props)}
      id={graphNodeElementId(id)}
      style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
      role="group"
      tabIndex={0}
      aria-label={label}
      aria-current={props.selected ? 'true' : undefined}
      aria-invalid={issues.length > 0 ? 'true' : undefined}
      data-testid="graph-node"
      data-graph-node={id}
      data-node-id={id}
      data-type={type}
      onPointerDown={props.onPointerDown}
      onKeyDown={props.onKeyDown}
    >
      {children}
    </div>
  );
}

export function StageBox(props: BoxProps & { stage: StageNode; isCover: boolean }) {
  const { stage, issues, isCover } = props;
  const name = stage.name || stage.id;
  return (
    <NodeFrame type="stage" id={stage.id} label={t.stageLabel(name)} props={props}>
      <p className="graph-node-name" data-testid="graph-node-name">
        {name}
      </p>
      <p className="graph-node-words">{stage.text.trim() ? firstWords(stage.text) : t.noText}</p>
      <p className="graph-node-badges">
        {isCover ? (
          <span className="graph-badge" data-testid="graph-badge-cover">
            {t.badges.cover}
          </span>
        ) : null}
        {stage.end ? (
          <span className="graph-badge" data-testid="graph-badge-end">
            {t.badges.end}
          </span>
        ) : null}
        {stage.audio ? <span className="graph-badge">♪ {t.badges.audio}</span> : null}
        {stage.image ? <span className="graph-badge">▣ {t.badges.picture}</span> : null}
      </p>
      <IssueNote issues={issues} />
      {stage.end ? null : (
        <button
          type="button"
          className="graph-handle graph-handle-next"
          aria-label={t.nextHandle(name)}
          title={t.nextHandle(name)}
          data-testid="graph-next-handle"
          onPointerDown={props.onHandleDown}
          onClick={props.onHandlePress}
        >
          →
        </button>
      )}
    </NodeFrame>
  );
}

export function ChoiceBox(
  props: BoxProps & { action: ActionNode; optionName: (id: string) => string | null },
) {
  const { action, issues, optionName } = props;
  const name = action.name || action.id;
  return (
    <NodeFrame type="choice" id={action.id} label={t.choiceLabel(name)} props={props}>
      <div className="graph-choice-head">
        <p className="graph-node-name" data-testid="graph-node-name">
          ◆ {name}
        </p>
        <IssueNote issues={issues} />
      </div>
      {action.options.length === 0 ? <p className="graph-choice-empty">{t.noOptions}</p> : null}
      <ol className="graph-choice-options">
        {action.options.map((option, index) => (
          <li key={`${option}-${index}`} data-testid="graph-choice-option">
            {optionName(option) ?? t.missing(option)}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="graph-handle graph-handle-option"
        aria-label={t.optionHandle(name)}
        title={t.optionHandle(name)}
        data-testid="graph-option-handle"
        onPointerDown={props.onHandleDown}
        onClick={props.onHandlePress}
      >
        {t.optionHandleText}
      </button>
    </NodeFrame>
  );
}
