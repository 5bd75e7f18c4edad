/**
 * The keyboard's way to every edit of the map: for the selected box, its name, where "next"
 * goes, whether it is an end, its options (add, remove), and deleting it.
 */
import { useEffect, useRef, useState, type Ref } from 'react';

import type { ActionNode, StageNode, StoryGraph } from '../../../../../device-bridge/pack/story-graph';
import { strings } from '../../strings';
import { homeOf, nextOf, type Diagram } from './graph-diagram';
import {
  addOption,
  connect,
  disconnect,
  moveOption,
  removeOption,
  rename,
  setControl,
  setEnd,
  setHome,
} from './graph-edits';

const t = strings.graph;
/** In the order the box's face shows them. */
const CONTROL_NAMES = ['wheel', 'ok', 'home', 'pause', 'autoplay'] as const;

export type Edit = (change: (graph: StoryGraph) => StoryGraph, group?: string) => void;

/** Which control a handle pressed on the map asks the panel to focus. */
export type PanelFocus = { nodeId: string; control: 'next' | 'option'; at: number } | null;

export function NodePanel({
  diagram,
  coverId,
  selected,
  focus,
  newId,
  onEdit,
  onDelete,
}: {
  diagram: Diagram;
  coverId: string;
  selected: string | null;
  focus: PanelFocus;
  newId: () => string;
  onEdit: Edit;
  onDelete: (nodeId: string) => void;
}) {
  const node = selected ? diagram.byId.get(selected) : undefined;
  return (
    <aside className="graph-panel panel" aria-label={t.panelLabel} data-testid="graph-panel">
      {!node ? (
        <p className="muted">{t.panelEmpty}</p>
      ) : node.type === 'stage' ? (
        <StagePanel
          key={node.id}
          stage={node.stage}
          diagram={diagram}
          focus={focus}
          newId={newId}
          onEdit={onEdit}
        />
      ) : (
        <ChoicePanel key={node.id} action={node.action} diagram={diagram} focus={focus} onEdit={onEdit} />
      )}
      {node ? (
        node.id === coverId ? (
          <p className="muted">{t.coverKept}</p>
        ) : (
          <button
            type="button"
            className="button button-danger"
            data-testid="graph-delete"
            onClick={() => onDelete(node.id)}
          >
            {t.deleteNode}
          </button>
        )
      ) : null}
    </aside>
  );
}

function NameField({ id, name, onEdit }: { id: string; name: string; onEdit: Edit }) {
  const fieldId = `graph-name-${id}`;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{t.name}</label>
      <input
        id={fieldId}
        value={name}
        maxLength={500}
        data-testid="graph-rename"
        // Why a group: the letters of one rename undo as one step.
        onChange={(event) => onEdit((graph) => rename(graph, id, event.currentTarget.value), `rename:${id}`)}
      />
    </div>
  );
}

/** Puts the focus on a control when a handle for it was pressed on the map. */
function useFocusWhen(wanted: boolean, at: number | undefined) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (wanted) ref.current?.focus();
  }, [wanted, at]);
  return ref;
}

/** "Goes to [step or choice]": every node of the map, or `none`. */
function TargetSelect({
  ref,
  ...props
}: {
  id: string;
  label: string;
  none: string;
  value: string | null;
  diagram: Diagram;
  ref?: Ref<HTMLSelectElement>;
  disabled: boolean;
  testId: string;
  onPick: (target: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        ref={ref}
        value={props.value ?? ''}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(event) => props.onPick(event.currentTarget.value || null)}
      >
        <option value="">{props.none}</option>
        {props.diagram.nodes.map((node) => (
          <option key={node.id} value={node.id}>
            {node.type === 'stage'
              ? t.stageChoice(node.stage.name || node.id)
              : t.choiceChoice(node.action.name || node.id)}
          </option>
        ))}
      </select>
    </div>
  );
}

function StagePanel({
  stage,
  diagram,
  focus,
  newId,
  onEdit,
}: {
  stage: StageNode;
  diagram: Diagram;
  focus: PanelFocus;
  newId: () => string;
  onEdit: Edit;
}) {
  const nextRef = useFocusWhen(focus?.nodeId === stage.id && focus.control === 'next', focus?.at);
  return (
    <>
      <h3 className="graph-panel-title">{t.stageLabel(stage.name || stage.id)}</h3>
      <NameField id={stage.id} name={stage.name} onEdit={onEdit} />
      <TargetSelect
        id={`graph-next-${stage.id}`}
        label={t.nextGoesTo}
        none={t.nowhere}
        value={nextOf(diagram, stage.id)}
        diagram={diagram}
        ref={nextRef}
        disabled={stage.end}
        testId="graph-next-select"
        onPick={(target) =>
          onEdit((graph) =>
            target ? connect(graph, stage.id, target, newId()) : disconnect(graph, stage.id),
          )
        }
      />
      <TargetSelect
        id={`graph-home-${stage.id}`}
        label={t.homeGoesTo}
        none={t.boxMenu}
        value={homeOf(diagram, stage.id)}
        diagram={diagram}
        disabled={!stage.controls.home}
        testId="graph-home-select"
        onPick={(target) => onEdit((graph) => setHome(graph, stage.id, target, newId()))}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={stage.end}
          data-testid="graph-end-checkbox"
          onChange={(event) => {
            const end = event.currentTarget.checked;
            onEdit((graph) => setEnd(graph, stage.id, end));
          }}
        />{' '}
        {t.isEnd}
      </label>
      <fieldset className="graph-controls" data-testid="graph-controls">
        <legend>{t.controlsTitle}</legend>
        <p className="muted">{t.controlsHint}</p>
        {CONTROL_NAMES.map((control) => (
          <label key={control} className="check">
            <input
              type="checkbox"
              checked={stage.controls[control]}
              data-testid={`graph-control-${control}`}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                onEdit((graph) => setControl(graph, stage.id, control, on));
              }}
            />{' '}
            {t.controls[control]}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function ChoicePanel({
  action,
  diagram,
  focus,
  onEdit,
}: {
  action: ActionNode;
  diagram: Diagram;
  focus: PanelFocus;
  onEdit: Edit;
}) {
  const addRef = useFocusWhen(focus?.nodeId === action.id && focus.control === 'option', focus?.at);
  const [adding, setAdding] = useState('');
  const stages = diagram.nodes.flatMap((node) => (node.type === 'stage' ? [node.stage] : []));
  const nameOf = (id: string): string => {
    const node = diagram.byId.get(id);
    return node?.type === 'stage' ? node.stage.name || id : t.missing(id);
  };
  const selectId = `graph-add-option-${action.id}`;
  return (
    <>
      <h3 className="graph-panel-title">{t.choiceLabel(action.name || action.id)}</h3>
      <NameField id={action.id} name={action.name} onEdit={onEdit} />
      <p className="graph-panel-subtitle">{t.options}</p>
      {action.options.length === 0 ? <p className="muted">{t.noOptions}</p> : null}
      <ol className="graph-panel-options">
        {action.options.map((option, index) => (
          <li key={`${option}-${index}`}>
            <span>{nameOf(option)}</span>{' '}
            <button
              type="button"
              className="button button-quiet"
              aria-label={t.moveOptionUp(nameOf(option))}
              data-testid="graph-option-up"
              disabled={index === 0}
              onClick={() => onEdit((graph) => moveOption(graph, action.id, index, index - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button-quiet"
              aria-label={t.moveOptionDown(nameOf(option))}
              data-testid="graph-option-down"
              disabled={index === action.options.length - 1}
              onClick={() => onEdit((graph) => moveOption(graph, action.id, index, index + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button-quiet"
              aria-label={t.removeOption(nameOf(option))}
              data-testid="graph-remove-option"
              onClick={() => onEdit((graph) => removeOption(graph, action.id, index))}
            >
              {t.removeOptionText}
            </button>
          </li>
        ))}
      </ol>
      <div className="field">
        <label htmlFor={selectId}>{t.addOption}</label>
        <div className="graph-panel-row">
          <select
            id={selectId}
            ref={addRef}
            value={adding}
            data-testid="graph-add-option-select"
            onChange={(event) => setAdding(event.currentTarget.value)}
          >
            <option value="">{t.pickStage}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.name || stage.id}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!adding}
            data-testid="graph-add-option-button"
            onClick={() => {
              onEdit((graph) => addOption(graph, action.id, adding));
              setAdding('');
            }}
          >
            {t.addOptionButton}
          </button>
        </div>
      </div>
    </>
  );
}
