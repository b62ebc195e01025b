// States and transitions: tables to edit them, the diagram to see (and connect) them,
// lint findings on the state or transition they concern.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Radio, Select, Space, Table, Tooltip } from 'antd';
import { useI18n } from '../../i18n/locale';
import { useAsync } from '../../api/use-async';
import { listEffects, type Finding } from '../api';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import type { Definition, StateDef, TransitionDef } from '../model/types';
import { followLabel } from '../model/keys';
import { deadEnd, openEnd } from '../model/workflow';
import { findingsAt, useLint } from '../use-lint';
import { Diagram } from './diagram';

const COLORS = ['default', 'gray', 'blue', 'cyan', 'green', 'orange', 'red', 'purple', 'gold'];
const ROLES = [
  'admin',
  'sales_clerk',
  'sales_manager',
  'finance_manager',
  'purchaser',
  'purchase_manager',
  'warehouse_keeper',
];

function Marks({ list }: { list?: Finding[] }) {
  const { locale } = useI18n();
  if (!list?.length) return null;
  return (
    <Tooltip title={list.map((f) => f.i18n?.[locale] ?? f.message).join('\n')}>
      <span className={`finding-mark is-${list.some((f) => f.severity === 'error') ? 'error' : 'warning'}`} role="note">
        {list.map((f) => f.i18n?.[locale] ?? f.message).join('；')}
      </span>
    </Tooltip>
  );
}

export function WorkflowTab() {
  const t = useDt();
  const { pick } = useI18n();
  const { model, updateDef, definition } = useEditor();
  const def = model.def;
  const findings = useLint(definition);
  // The engine's registry, plugin effects included; names the definition already uses stay choosable.
  const effects = useAsync(listEffects, []);
  const effectOptions = [
    ...new Set([...(effects.data ?? []).map((e) => e.name), ...def.transitions.flatMap((x) => x.effects ?? [])]),
  ].map((name) => {
    const entry = effects.data?.find((e) => e.name === name);
    return {
      value: name,
      label: entry && !entry.builtin ? `${name} · ${t('pluginEffect')}` : name,
    };
  });
  const stateFindings = findingsAt(findings, 'states');
  const transitionFindings = findingsAt(findings, 'transitions');
  const stateOptions = def.states.map((s) => ({ value: s.key, label: pick(s.label, s.key) }));
  const roleOptions = [
    ...new Set([...ROLES, ...def.transitions.flatMap((x) => x.roles), ...Object.keys(def.permissions ?? {})]),
  ].map((r) => ({ value: r, label: r }));

  const setState = (i: number, part: Partial<StateDef>, group?: string) =>
    updateDef((d) => {
      const old = d.states[i];
      const states = d.states.map((s, j) => (j === i ? { ...s, ...part } : s));
      // Renaming a state's key renames it wherever the workflow names it.
      if (part.key && part.key !== old.key) return renameState({ ...d, states }, old.key, part.key);
      return { ...d, states };
    }, group);
  const setTransition = (i: number, part: Partial<TransitionDef>, group?: string) =>
    updateDef(
      (d) => ({ ...d, transitions: d.transitions.map((x, j) => (j === i ? dropEmpty({ ...x, ...part }) : x)) }),
      group,
    );

  function addState() {
    let n = def.states.length + 1;
    while (def.states.some((s) => s.key === `state${n}`)) n += 1;
    updateDef((d) => ({
      ...d,
      states: [
        ...d.states,
        {
          key: `state${n}`,
          label: { 'zh-CN': `状态${n}`, en: `State ${n}` },
          color: 'blue',
          editable: false,
          terminal: false,
        },
      ],
    }));
  }
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
      <Card
        size="small"
        title={t('states')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={addState}>
            {t('addState')}
          </Button>
        }
      >
        <Table<StateDef>
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={def.states}
          scroll={{ x: 820 }}
          columns={[
            {
              title: t('key'),
              render: (_, s, i) => (
                <Input
                  size="small"
                  aria-label={`${t('key')} ${i + 1}`}
                  value={s.key}
                  onChange={(e) => setState(i, { key: e.target.value.replace(/[^a-z0-9_]/g, '') }, `state-key:${i}`)}
                />
              ),
            },
            {
              title: t('labelZh'),
              render: (_, s, i) => (
                <Input
                  size="small"
                  aria-label={`${t('labelZh')} ${s.key}`}
                  value={s.label['zh-CN']}
                  onChange={(e) => setState(i, { label: { ...s.label, 'zh-CN': e.target.value } }, `state-zh:${i}`)}
                />
              ),
            },
            {
              title: t('labelEn'),
              render: (_, s, i) => (
                <Input
                  size="small"
                  aria-label={`${t('labelEn')} ${s.key}`}
                  value={s.label.en}
                  onChange={(e) => {
                    // A new state's key follows its English label ("Submitted" → submitted).
                    const key = followLabel({
                      key: s.key,
                      oldLabel: s.label.en,
                      newLabel: e.target.value,
                      taken: def.states.filter((_, j) => j !== i).map((x) => x.key),
                      placeholder: /^state\d+$/,
                    });
                    setState(
                      i,
                      { label: { ...s.label, en: e.target.value }, ...(key ? { key } : {}) },
                      `state-en:${i}`,
                    );
                  }}
                />
              ),
            },
            {
              title: t('color'),
              render: (_, s, i) => (
                <Select
                  size="small"
                  aria-label={`${t('color')} ${s.key}`}
                  value={s.color}
                  style={{ width: 100 }}
                  options={COLORS.map((c) => ({ value: c, label: c }))}
                  onChange={(v: string) => setState(i, { color: v })}
                />
              ),
            },
            {
              title: t('editable'),
              width: 64,
              align: 'center',
              render: (_, s, i) => (
                <Checkbox
                  aria-label={`${t('editable')} ${s.key}`}
                  checked={s.editable}
                  onChange={(e) => setState(i, { editable: e.target.checked })}
                />
              ),
            },
            {
              title: t('terminal'),
              width: 64,
              align: 'center',
              render: (_, s, i) => (
                <Checkbox
                  aria-label={`${t('terminal')} ${s.key}`}
                  checked={s.terminal}
                  onChange={(e) => setState(i, { terminal: e.target.checked })}
                />
              ),
            },
            {
              title: t('initial'),
              width: 64,
              align: 'center',
              render: (_, s) => (
                <Radio
                  aria-label={`${t('initial')} ${s.key}`}
                  checked={def.initialState === s.key}
                  onChange={() => updateDef((d) => ({ ...d, initialState: s.key }))}
                />
              ),
            },
            {
              title: '',
              render: (_, s, i) => (
                <Space>
                  <Marks list={stateFindings.get(i)} />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t('remove')} ${s.key}`}
                    onClick={() => updateDef((d) => ({ ...d, states: d.states.filter((_, j) => j !== i) }))}
                  />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('transitions')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={() => addTransition()}>
            {t('addTransition')}
          </Button>
        }
      >
        <Table<TransitionDef>
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={def.transitions}
          scroll={{ x: 1200 }}
          columns={[
            {
              title: t('key'),
              render: (_, x, i) => (
                <Input
                  size="small"
                  aria-label={`${t('key')} ${t('transitions')} ${i + 1}`}
                  value={x.key}
                  onChange={(e) => setTransition(i, { key: e.target.value.replace(/[^a-z0-9_]/g, '') }, `tr-key:${i}`)}
                />
              ),
            },
            {
              title: t('labelZh'),
              render: (_, x, i) => (
                <Input
                  size="small"
                  aria-label={`${t('labelZh')} ${x.key}`}
                  value={x.label['zh-CN']}
                  onChange={(e) => setTransition(i, { label: { ...x.label, 'zh-CN': e.target.value } }, `tr-zh:${i}`)}
                />
              ),
            },
            {
              title: t('labelEn'),
              render: (_, x, i) => (
                <Input
                  size="small"
                  aria-label={`${t('labelEn')} ${x.key}`}
                  value={x.label.en}
                  onChange={(e) => {
                    const key = followLabel({
                      key: x.key,
                      oldLabel: x.label.en,
                      newLabel: e.target.value,
                      taken: def.transitions.filter((_, j) => j !== i).map((y) => y.key),
                      placeholder: /^action\d+$/,
                    });
                    setTransition(
                      i,
                      { label: { ...x.label, en: e.target.value }, ...(key ? { key } : {}) },
                      `tr-en:${i}`,
                    );
                  }}
                />
              ),
            },
            {
              title: t('from'),
              render: (_, x, i) => (
                <Select
                  size="small"
                  mode="multiple"
                  aria-label={`${t('from')} ${x.key}`}
                  style={{ minWidth: 130 }}
                  value={x.from}
                  options={stateOptions}
                  onChange={(v: string[]) => setTransition(i, { from: v })}
                />
              ),
            },
            {
              title: t('to'),
              render: (_, x, i) => (
                <Select
                  size="small"
                  aria-label={`${t('to')} ${x.key}`}
                  style={{ minWidth: 110 }}
                  value={x.to}
                  options={stateOptions}
                  onChange={(v: string) => setTransition(i, { to: v })}
                />
              ),
            },
            {
              title: t('roles'),
              render: (_, x, i) => (
                <Select
                  size="small"
                  mode="tags"
                  aria-label={`${t('roles')} ${x.key}`}
                  style={{ minWidth: 160 }}
                  value={x.roles}
                  options={roleOptions}
                  onChange={(v: string[]) => setTransition(i, { roles: v })}
                />
              ),
            },
            {
              title: t('requires'),
              render: (_, x, i) => (
                <Select
                  size="small"
                  mode="multiple"
                  aria-label={`${t('requires')} ${x.key}`}
                  style={{ minWidth: 100 }}
                  value={x.requires ?? []}
                  options={[
                    { value: 'reason', label: t('req_reason') },
                    { value: 'comment', label: t('req_comment') },
                  ]}
                  onChange={(v: Array<'reason' | 'comment'>) => setTransition(i, { requires: v })}
                />
              ),
            },
            {
              title: t('effects'),
              render: (_, x, i) => (
                <Select
                  size="small"
                  mode="multiple"
                  aria-label={`${t('effects')} ${x.key}`}
                  style={{ minWidth: 160 }}
                  value={x.effects ?? []}
                  options={effectOptions}
                  loading={effects.loading}
                  onChange={(v: string[]) => setTransition(i, { effects: v })}
                />
              ),
            },
            {
              title: t('guard'),
              render: (_, x) =>
                x.guard ? (
                  <Tooltip title={JSON.stringify(x.guard.logic)}>
                    <span className="muted">{pick(x.guard.message, '')}</span>
                  </Tooltip>
                ) : null,
            },
            {
              title: '',
              render: (_, x, i) => (
                <Space>
                  <Marks list={transitionFindings.get(i)} />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t('remove')} ${x.key}`}
                    onClick={() => updateDef((d) => ({ ...d, transitions: d.transitions.filter((_, j) => j !== i) }))}
                  />
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

/** Empty optional lists are left out, as a hand-written definition would. */
function dropEmpty(x: TransitionDef): TransitionDef {
  const out = { ...x };
  if (out.requires?.length === 0) delete out.requires;
  if (out.effects?.length === 0) delete out.effects;
  return out;
}

function renameState(d: Definition, from: string, to: string): Definition {
  const swap = (k: string) => (k === from ? to : k);
  return {
    ...d,
    initialState: swap(d.initialState),
    transitions: d.transitions.map((x) => ({
      ...x,
      from: x.from.map(swap),
      to: swap(x.to),
      ...(x.approval
        ? {
            approval: {
              ...x.approval,
              pendingState: swap(x.approval.pendingState),
              ...(x.approval.rejectTo ? { rejectTo: swap(x.approval.rejectTo) } : {}),
            },
          }
        : {}),
    })),
  };
}
