// One approval level in the chain: name, approvers (roles and/or named users), any/all,
// SLA and escalation, and when it applies.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import { followLabel } from '../model/keys';
import type { RuleField } from '../model/when';
import type { ApprovalLevel } from '../model/types';
import type { RoleOption } from '../model/roles';
import { WhenBuilder } from './when-builder';

interface Props {
  level: ApprovalLevel;
  index: number;
  /** The other levels' keys (a key that follows a label stays unique). */
  taken?: string[];
  roles: RoleOption[];
  fields: RuleField[];
  onChange(next: ApprovalLevel, group?: string): void;
  onRemove(): void;
  onUp?(): void;
  onDown?(): void;
}

const PLACEHOLDER = /^level\d+$/;

export function LevelCard({ level, index, taken = [], roles, fields, onChange, onRemove, onUp, onDown }: Props) {
  const t = useDt();
  const { pick } = useI18n();
  const name = pick(level.label, level.key);
  // A chosen role shows as its label (财务经理 / Finance manager); the list also shows the
  // key in grey, and a search finds either.
  const roleOptions = roles.map((r) => ({ value: r.key, label: r.label ? pick(r.label, r.key) : r.key }));
  const roleSelect = {
    options: roleOptions,
    optionRender: (o: { label?: ReactNode; value?: string | number | null }) => (
      <span>
        {o.label}
        {o.label !== o.value && <Typography.Text type="secondary"> ({o.value})</Typography.Text>}
      </span>
    ),
    filterOption: (input: string, o?: { label: string; value: string }) =>
      `${o?.label ?? ''} ${o?.value ?? ''}`.toLowerCase().includes(input.toLowerCase()),
  };
  const set = (part: Partial<ApprovalLevel>, group?: string) => {
    const next = { ...level, ...part } as ApprovalLevel & Record<string, unknown>;
    for (const k of Object.keys(part)) if (next[k] === undefined) delete next[k];
    onChange(next, group);
  };
  return (
    <Card
      size="small"
      className="level-card"
      data-level={level.key}
      role="group"
      aria-label={`${index + 1}. ${name}`}
      title={
        <span>
          <span className="level-index">{index + 1}</span> {name}
        </span>
      }
      extra={
        <Space size={4}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={`${t('moveUp')} ${name}`}
            disabled={!onUp}
            onClick={onUp}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={`${t('moveDown')} ${name}`}
            disabled={!onDown}
            onClick={onDown}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('remove')} ${name}`}
            onClick={onRemove}
          />
        </Space>
      }
    >
      <Form layout="vertical" size="small" component="div">
        <Space wrap align="start">
          <Form.Item label={t('levelLabelZh')}>
            <Input
              aria-label={t('levelLabelZh')}
              value={level.label['zh-CN']}
              onChange={(e) => set({ label: { ...level.label, 'zh-CN': e.target.value } }, `lvl-zh:${index}`)}
            />
          </Form.Item>
          <Form.Item label={t('levelLabelEn')}>
            <Input
              aria-label={t('levelLabelEn')}
              value={level.label.en}
              onChange={(e) => {
                const key = followLabel({
                  key: level.key,
                  oldLabel: level.label.en,
                  newLabel: e.target.value,
                  taken,
                  placeholder: PLACEHOLDER,
                });
                set({ label: { ...level.label, en: e.target.value }, ...(key ? { key } : {}) }, `lvl-en:${index}`);
              }}
            />
          </Form.Item>
          <Form.Item label={t('key')}>
            <Input
              aria-label={`${t('key')} ${name}`}
              value={level.key}
              onChange={(e) => set({ key: e.target.value.replace(/[^a-z0-9_]/g, '') }, `lvl-key:${index}`)}
              style={{ width: 120 }}
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label={t('approvers')}>
            <Select
              mode="multiple"
              aria-label={t('approvers')}
              style={{ minWidth: 220 }}
              value={level.approvers.roles ?? []}
              {...roleSelect}
              onChange={(v: string[]) => {
                // A level still named "Level n" takes the name of the one role that approves it (钉钉 style).
                const role = v.length === 1 ? roles.find((r) => r.key === v[0]) : undefined;
                const unnamed = PLACEHOLDER.test(level.key) && /^Level \d+$/.test(level.label.en);
                const named =
                  unnamed && role?.label && !taken.includes(role.key)
                    ? { label: { ...role.label }, key: role.key }
                    : {};
                set({ approvers: { ...level.approvers, roles: v }, ...named });
              }}
            />
          </Form.Item>
          <Form.Item label={t('approverUsers')}>
            <Select
              mode="tags"
              aria-label={t('approverUsers')}
              style={{ minWidth: 180 }}
              value={level.approvers.users ?? []}
              open={false}
              onChange={(v: string[]) =>
                set({ approvers: v.length ? { ...level.approvers, users: v } : { roles: level.approvers.roles ?? [] } })
              }
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label={t('mode')}>
            <Radio.Group
              value={level.mode}
              onChange={(e) => set({ mode: e.target.value as 'any' | 'all' })}
              options={[
                { value: 'any', label: t('mode_any') },
                { value: 'all', label: t('mode_all') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('sla')}>
            <InputNumber
              aria-label={t('sla')}
              min={1}
              value={level.slaHours}
              onChange={(v) => set({ slaHours: v ?? undefined }, `sla:${index}`)}
            />
          </Form.Item>
          <Form.Item label={t('escalateTo')}>
            <Select
              aria-label={t('escalateTo')}
              allowClear
              style={{ minWidth: 160 }}
              value={level.escalateTo}
              showSearch
              {...roleSelect}
              onChange={(v?: string) => set({ escalateTo: v })}
            />
          </Form.Item>
        </Space>
        <Form.Item label={`${t('when')}${level.when === undefined ? ` · ${t('always')}` : ''}`}>
          <WhenBuilder
            when={level.when}
            fields={fields}
            label={`${t('when')} ${name}`}
            onChange={(when) => set({ when }, `when:${index}`)}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
