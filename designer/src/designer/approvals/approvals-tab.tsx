// The approval flow of a transition, like a 钉钉 approval: the requester, then the
// levels in order (each applies only when its rule holds), then done; the amount bands
// on a number line and a try-it panel beside it.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { listRoles } from '../api';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import { ruleFields } from '../model/when';
import { approvalStates } from '../model/workflow';
import type { ApprovalLevel, ApprovalSpec, Definition, TransitionDef } from '../model/types';
import { BUILTIN_ROLES, type RoleOption } from '../model/roles';
import { LevelCard } from './level-card';
import { NumberLine } from './number-line';
import { TryIt } from './try-it';

export function ApprovalsTab({ others }: { others: Definition[] }) {
  const t = useDt();
  const { pick } = useI18n();
  const editor = useEditor();
  const { model, updateDef, definition, baseVersion } = editor;
  const def = model.def;
  const withApproval = def.transitions.filter((tr) => tr.approval);
  const [picked, setPicked] = useState<string | undefined>(withApproval[0]?.key);
  const current = def.transitions.find((tr) => tr.key === picked && tr.approval) ?? withApproval[0];
  const roles = useAsync(listRoles, []);
  // Until /api/roles answers (and if it cannot): the built-in roles with their labels.
  const roleOptions: RoleOption[] = roles.data ?? BUILTIN_ROLES;
  // The draft's own fields (not yet published) and the referenced types' fields.
  const fields = useMemo(
    () =>
      ruleFields(definition as Definition, (k) =>
        k === def.key ? (definition as Definition) : others.find((o) => o.key === k),
      ),
    [definition, def.key, others],
  );

  const setTransition = (key: string, change: (tr: TransitionDef) => TransitionDef, group?: string) =>
    updateDef((d) => ({ ...d, transitions: d.transitions.map((tr) => (tr.key === key ? change(tr) : tr)) }), group);
  const setApproval = (change: (a: ApprovalSpec) => ApprovalSpec, group?: string) =>
    current && setTransition(current.key, (tr) => ({ ...tr, approval: change(tr.approval as ApprovalSpec) }), group);
  const setLevels = (levels: ApprovalLevel[], group?: string) => setApproval((a) => ({ ...a, levels }), group);

  const candidates = def.transitions.filter((tr) => !tr.approval);
  const stateOptions = def.states.map((s) => ({ value: s.key, label: `${pick(s.label, s.key)} (${s.key})` }));

  function addApproval(key: string) {
    if (!def.transitions.some((x) => x.key === key)) return;
    updateDef((d) => {
      const { def: withStates, pendingState, rejectTo } = approvalStates(d, key);
      return {
        ...withStates,
        transitions: withStates.transitions.map((x) =>
          x.key === key ? { ...x, approval: { pendingState, rejectTo, levels: [] } } : x,
        ),
      };
    });
    setPicked(key);
  }

  function addLevel() {
    if (!current?.approval) return;
    const levels = current.approval.levels;
    let n = levels.length + 1;
    while (levels.some((l) => l.key === `level${n}`)) n += 1;
    setLevels([
      ...levels,
      { key: `level${n}`, label: { 'zh-CN': `第${n}级审批`, en: `Level ${n}` }, approvers: { roles: [] }, mode: 'any' },
    ]);
  }

  return (
    <div className="approvals-tab">
      <div className="approvals-main">
        <Card size="small" title={t('approvalOn')}>
          <Space wrap>
            {withApproval.length > 0 && (
              <Select
                aria-label={t('approvalOn')}
                value={current?.key}
                onChange={setPicked}
                style={{ minWidth: 200 }}
                options={withApproval.map((tr) => ({ value: tr.key, label: `${pick(tr.label, tr.key)} (${tr.key})` }))}
              />
            )}
            {candidates.length > 0 && (
              <Select
                aria-label={t('addApproval')}
                placeholder={t('addApproval')}
                value={null}
                style={{ minWidth: 220 }}
                onChange={(k: string) => addApproval(k)}
                options={candidates.map((tr) => ({ value: tr.key, label: `${pick(tr.label, tr.key)} (${tr.key})` }))}
              />
            )}
          </Space>
          {current?.approval && (
            <Form layout="inline" size="small" component="div" style={{ marginTop: 8 }}>
              <Form.Item label={t('pendingState')}>
                <Select
                  aria-label={t('pendingState')}
                  value={current.approval.pendingState}
                  options={stateOptions}
                  style={{ minWidth: 160 }}
                  onChange={(v: string) => setApproval((a) => ({ ...a, pendingState: v }))}
                />
              </Form.Item>
              <Form.Item label={t('rejectTo')}>
                <Select
                  aria-label={t('rejectTo')}
                  value={current.approval.rejectTo}
                  options={stateOptions}
                  style={{ minWidth: 160 }}
                  onChange={(v: string) => setApproval((a) => ({ ...a, rejectTo: v }))}
                />
              </Form.Item>
            </Form>
          )}
        </Card>
        {!current?.approval ? (
          <Empty description={t('addApproval')} />
        ) : (
          <div className="level-chain" role="list" aria-label={t('levels')}>
            <div className="chain-node chain-start">{pick(current.label, current.key)}</div>
            {current.approval.levels.map((level, i, all) => (
              <div role="listitem" key={i} className="chain-step">
                <LevelCard
                  level={level}
                  index={i}
                  taken={all.filter((_, j) => j !== i).map((l) => l.key)}
                  roles={roleOptions}
                  fields={fields}
                  onChange={(next, group) =>
                    setLevels(
                      all.map((l, j) => (j === i ? next : l)),
                      group,
                    )
                  }
                  onRemove={() => setLevels(all.filter((_, j) => j !== i))}
                  onUp={i > 0 ? () => setLevels(swap(all, i, i - 1)) : undefined}
                  onDown={i < all.length - 1 ? () => setLevels(swap(all, i, i + 1)) : undefined}
                />
              </div>
            ))}
            <Button icon={<PlusOutlined />} type="dashed" block onClick={addLevel}>
              {t('addLevel')}
            </Button>
            <div className="chain-node chain-end">
              {pick(def.states.find((s) => s.key === current.to)?.label, current.to)}
            </div>
          </div>
        )}
      </div>
      {current?.approval && (
        <div className="approvals-side">
          <NumberLine levels={current.approval.levels} />
          <TryIt
            definition={definition}
            transition={current.key}
            fields={fields.filter((f) => usedBy(current.approval?.levels ?? [], f.name))}
            published={baseVersion !== null}
          />
        </div>
      )}
    </div>
  );
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b], next[a]];
  return next;
}

/** The try-it panel asks only for the values the levels' rules read. */
const usedBy = (levels: ApprovalLevel[], name: string) =>
  levels.some((l) => JSON.stringify(l.when ?? null).includes(`"${name}"`));
