// States and transitions: tables to edit them, the diagram to see (and connect) them,
// lint findings on the state or transition they concern.
import { Card } from 'antd';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import { deadEnd, openEnd } from '../model/workflow';
import { findingsAt, useLint } from '../use-lint';
import { Diagram } from './diagram';
import { StatesTable } from './states-table';
import { TransitionsTable } from './transitions-table';

export function WorkflowTab() {
  const t = useDt();
  const { model, updateDef, definition } = useEditor();
  const def = model.def;
  const findings = useLint(definition);
  const stateFindings = findingsAt(findings, 'states');
  const transitionFindings = findingsAt(findings, 'transitions');

  /**
   * A new transition starts where the workflow is stuck: from the first state with no
   * way out that is not terminal, to the first terminal state nothing reaches yet (or
   * the first terminal one), so "approved → paid" is one click.
   */
  function addTransition(
    from = deadEnd(def) ?? def.initialState,
    to = openEnd(def) ?? def.states[1]?.key ?? def.initialState,
  ) {
    let n = def.transitions.length + 1;
    while (def.transitions.some((x) => x.key === `action${n}`)) n += 1;
    updateDef((d) => ({
      ...d,
      transitions: [
        ...d.transitions,
        { key: `action${n}`, from: [from], to, label: { 'zh-CN': `操作${n}`, en: `Action ${n}` }, roles: ['admin'] },
      ],
    }));
  }

  return (
    <div className="workflow-tab">
      <Card size="small" title={t('diagram')}>
        <Diagram
          def={def}
          stateFindings={stateFindings}
          transitionFindings={transitionFindings}
          onConnect={(from, to) => addTransition(from, to)}
        />
      </Card>
      <StatesTable def={def} stateFindings={stateFindings} updateDef={updateDef} />
      <TransitionsTable
        def={def}
        transitionFindings={transitionFindings}
        updateDef={updateDef}
        onAdd={() => addTransition()}
      />
    </div>
  );
}
