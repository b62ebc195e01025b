// The workflow's transitions as an editable table: key, labels, from and to states,
// roles allowed, what the action requires (reason, comment), the effects it runs and
// its guard (shown, not edited here).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tooltip } from 'antd';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { listEffects, type Finding } from '../api';
import type { EditorValue } from '../editor-state';
import { useDt } from '../i18n';
import { followLabel } from '../model/keys';
import type { Definition, TransitionDef } from '../model/types';
import { BUILTIN_ROLES } from '../model/roles';
import { Marks } from './finding-marks';

export function TransitionsTable({
  def,
  transitionFindings,
  updateDef,
  onAdd,
}: {
  def: Definition;
  transitionFindings: Map<number, Finding[]>;
  updateDef: EditorValue['updateDef'];
  onAdd(): void;
}) {
  const t = useDt();
  const { pick } = useI18n();
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
  const stateOptions = def.states.map((s) => ({ value: s.key, label: pick(s.label, s.key) }));
  const roleOptions = [
    ...new Set([
      ...BUILTIN_ROLES.map((r) => r.key),
      ...def.transitions.flatMap((x) => x.roles),
      ...Object.keys(def.permissions ?? {}),
    ]),
  ].map((r) => ({ value: r, label: r }));

  const setTransition = (i: number, part: Partial<TransitionDef>, group?: string) =>
    updateDef(
      (d) => ({ ...d, transitions: d.transitions.map((x, j) => (j === i ? dropEmpty({ ...x, ...part }) : x)) }),
      group,
    );

  return (
    <Card
      size="small"
      title={t('transitions')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd()}>
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
  );
}

/** Empty optional lists are left out, as a hand-written definition would. */
function dropEmpty(x: TransitionDef): TransitionDef {
  const out = { ...x };
  if (out.requires?.length === 0) delete out.requires;
  if (out.effects?.length === 0) delete out.effects;
  return out;
}
