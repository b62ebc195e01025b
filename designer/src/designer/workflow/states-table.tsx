// The workflow's states as an editable table: key, labels, colour, whether a document
// can still be edited in it, terminal and initial flags. Renaming a state's key
// renames it wherever the workflow names it, so transitions keep pointing at it.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Radio, Select, Space, Table } from 'antd';
import type { Finding } from '../api';
import type { EditorValue } from '../editor-state';
import { useDt } from '../i18n';
import { followLabel } from '../model/keys';
import type { Definition, StateDef } from '../model/types';
import { Marks } from './finding-marks';

const COLORS = ['default', 'gray', 'blue', 'cyan', 'green', 'orange', 'red', 'purple', 'gold'];

export function StatesTable({
  def,
  stateFindings,
  updateDef,
}: {
  def: Definition;
  stateFindings: Map<number, Finding[]>;
  updateDef: EditorValue['updateDef'];
}) {
  const t = useDt();
  const setState = (i: number, part: Partial<StateDef>, group?: string) =>
    updateDef((d) => {
      const old = d.states[i];
      const states = d.states.map((s, j) => (j === i ? { ...s, ...part } : s));
      // Renaming a state's key renames it wherever the workflow names it.
      if (part.key && part.key !== old.key) return renameState({ ...d, states }, old.key, part.key);
      return { ...d, states };
    }, group);

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

  return (
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
                  setState(i, { label: { ...s.label, en: e.target.value }, ...(key ? { key } : {}) }, `state-en:${i}`);
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
  );
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
