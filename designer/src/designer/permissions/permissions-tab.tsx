// Who may do what with this document type, as a matrix: a row per role, columns for
// create, read (all / own / a row rule built visually), update and the transitions
// granted beside those the workflow already gives the role.
import { Alert, Card, Checkbox, Select, Switch, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { listRoles } from '../api';
import { WhenBuilder } from '../approvals/when-builder';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import {
  isRestricted,
  restrict,
  roleRows,
  setCreate,
  setRead,
  setTransitions,
  setUpdate,
  type ReadChoice,
  type RoleRow,
  type UpdateChoice,
} from '../model/permissions';
import type { Definition } from '../model/types';
import { ruleFields } from '../model/when';

export function PermissionsTab() {
  const t = useDt();
  const { pick } = useI18n();
  const { model, updateDef, definition } = useEditor();
  const def = model.def;
  const roles = useAsync(listRoles, []);
  const labels = new Map((roles.data ?? []).map((r) => [r.key, r.label]));
  const rows = roleRows(
    def,
    (roles.data ?? []).map((r) => r.key),
  );
  const restricted = isRestricted(def);
  const fields = useMemo(() => ruleFields(definition as Definition, () => undefined), [definition]);
  const transitionOptions = def.transitions.map((x) => ({ value: x.key, label: pick(x.label, x.key) }));
  const roleName = (role: string) => {
    const label = labels.get(role);
    return label ? `${pick(label, role)} (${role})` : role;
  };

  return (
    <div className="permissions-tab">
      <Card
        size="small"
        title={t('permissions')}
        extra={
          <label className="inline-switch">
            <Switch
              size="small"
              checked={restricted}
              aria-label={t('restrict')}
              onChange={(on) => updateDef((d) => restrict(d, on))}
            />
            <span>{t('restrict')}</span>
          </label>
        }
      >
        {!restricted && <Alert type="info" showIcon message={t('notRestricted')} style={{ marginBottom: 8 }} />}
        <Typography.Paragraph type="secondary" className="permissions-hint">
          {t('permissionsHint')}
        </Typography.Paragraph>
        <Table<RoleRow>
          size="small"
          rowKey="role"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 760 }}
          className="permissions-matrix"
          expandable={{
            expandedRowKeys: rows.filter((r) => r.read === 'rule').map((r) => r.role),
            showExpandColumn: false,
            expandedRowRender: (r) => (
              <WhenBuilder
                key={r.role}
                when={r.filter === true ? undefined : r.filter}
                fields={fields}
                label={`${t('rowRule')} ${r.role}`}
                onChange={(logic) => updateDef((d) => setRead(d, r.role, 'rule', logic ?? true), `row-rule:${r.role}`)}
              />
            ),
          }}
          columns={[
            {
              title: t('role'),
              render: (_, r) => <span className="role-name">{roleName(r.role)}</span>,
            },
            {
              title: t('permCreate'),
              render: (_, r) => (
                <Checkbox
                  aria-label={`${t('permCreate')} ${r.role}`}
                  disabled={!restricted}
                  checked={!restricted || r.create}
                  onChange={(e) => updateDef((d) => setCreate(d, r.role, e.target.checked))}
                />
              ),
            },
            {
              title: t('permRead'),
              render: (_, r) => (
                <Select<ReadChoice>
                  size="small"
                  aria-label={`${t('permRead')} ${r.role}`}
                  disabled={!restricted}
                  style={{ minWidth: 120 }}
                  value={restricted ? r.read : 'all'}
                  options={(['none', 'all', 'own', 'rule'] as const).map((v) => ({ value: v, label: t(`read_${v}`) }))}
                  onChange={(v) => updateDef((d) => setRead(d, r.role, v, r.filter))}
                />
              ),
            },
            {
              title: t('permUpdate'),
              render: (_, r) => (
                <Select<UpdateChoice>
                  size="small"
                  aria-label={`${t('permUpdate')} ${r.role}`}
                  disabled={!restricted}
                  style={{ minWidth: 110 }}
                  value={restricted ? r.update : 'all'}
                  options={(['none', 'all', 'own'] as const).map((v) => ({ value: v, label: t(`update_${v}`) }))}
                  onChange={(v) => updateDef((d) => setUpdate(d, r.role, v))}
                />
              ),
            },
            {
              title: t('permTransitions'),
              render: (_, r) => (
                <div className="perm-transitions">
                  {r.viaWorkflow.map((k) => (
                    <Tag key={k} color="blue" title={t('viaWorkflow')}>
                      {pick(def.transitions.find((x) => x.key === k)?.label, k)}
                    </Tag>
                  ))}
                  <Select<string[]>
                    size="small"
                    mode="multiple"
                    aria-label={`${t('permTransitions')} ${r.role}`}
                    style={{ minWidth: 160 }}
                    placeholder={t('grantMore')}
                    value={r.transitions}
                    options={transitionOptions.filter((o) => !r.viaWorkflow.includes(o.value))}
                    onChange={(v) => updateDef((d) => setTransitions(d, r.role, v))}
                  />
                </div>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
