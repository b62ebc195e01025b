// A table field's columns: one compact row per column (both labels, required, a
// select column's options) that can be moved or removed, and a picker to add a
// column of any type but another table.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import { labelOf, setKey, setLabel, setRequired } from '../model/field-edit';
import { suggestKey } from '../model/keys';
import { DEFAULT_LABELS, newField } from '../model/palette';
import { FIELD_KINDS, type FieldModel } from '../model/types';
import { OptionsEditor } from './options-editor';

export function TableColumnsEditor({
  field,
  onChange,
}: {
  field: FieldModel;
  onChange(next: FieldModel, group?: string): void;
}) {
  const t = useDt();
  const { pick } = useI18n();
  const [kind, setKind] = useState<(typeof FIELD_KINDS)[number]>('text');
  const columns = field.columns ?? [];
  const move = (i: number, d: number) => {
    const next = [...columns];
    const [c] = next.splice(i, 1);
    next.splice(i + d, 0, c);
    onChange({ ...field, columns: next });
  };
  return (
    <Form.Item label={t('columns')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {columns.map((c, i) => (
          <ColumnRow
            key={c.id}
            column={c}
            siblings={columns}
            label={pick(labelOf(c), c.key)}
            onChange={(n, g) => onChange({ ...field, columns: columns.map((x) => (x.id === c.id ? n : x)) }, g)}
            onUp={i > 0 ? () => move(i, -1) : undefined}
            onDown={i < columns.length - 1 ? () => move(i, 1) : undefined}
            onRemove={() => onChange({ ...field, columns: columns.filter((x) => x.id !== c.id) })}
          />
        ))}
        <Space.Compact style={{ width: '100%' }}>
          <Select
            aria-label={t('addColumn')}
            value={kind}
            onChange={setKind}
            style={{ flex: 1 }}
            options={FIELD_KINDS.filter((k) => k !== 'lines').map((k) => ({ value: k, label: t(`kind_${k}`) }))}
          />
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              const label = DEFAULT_LABELS[kind];
              const key = suggestKey(
                label.en,
                columns.map((c) => c.key),
              );
              onChange({ ...field, columns: [...columns, newField(kind, key, label)] });
            }}
          >
            {t('addColumn')}
          </Button>
        </Space.Compact>
      </Space>
    </Form.Item>
  );
}

function ColumnRow(props: {
  column: FieldModel;
  siblings: FieldModel[];
  label: string;
  onChange(next: FieldModel, group?: string): void;
  onUp?(): void;
  onDown?(): void;
  onRemove(): void;
}) {
  const t = useDt();
  const { column } = props;
  const label = labelOf(column);
  const others = props.siblings.filter((s) => s.id !== column.id).map((s) => s.key);
  return (
    <div className="column-row" data-column={column.key}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          aria-label={`${t('labelZh')} ${props.label}`}
          value={label['zh-CN']}
          onChange={(e) =>
            props.onChange(setLabel(column, { ...label, 'zh-CN': e.target.value }), `label:${column.id}`)
          }
        />
        <Input
          aria-label={`${t('labelEn')} ${props.label}`}
          value={label.en}
          onChange={(e) => {
            let next = setLabel(column, { ...label, en: e.target.value });
            if (!column.origKey && column.key === suggestKey(label.en, others))
              next = setKey(next, suggestKey(e.target.value, others));
            props.onChange(next, `label:${column.id}`);
          }}
        />
      </Space.Compact>
      <Space size={4} wrap>
        <code>{column.key}</code>
        <span className="muted">{t(`kind_${column.kind}`)}</span>
        <Checkbox checked={column.required} onChange={(e) => props.onChange(setRequired(column, e.target.checked))}>
          {t('required')}
        </Checkbox>
        {column.kind === 'select' && <OptionsEditor field={column} onChange={props.onChange} compact />}
        <Button
          size="small"
          aria-label={`${t('moveUp')} ${props.label}`}
          icon={<ArrowUpOutlined />}
          disabled={!props.onUp}
          onClick={props.onUp}
        />
        <Button
          size="small"
          aria-label={`${t('moveDown')} ${props.label}`}
          icon={<ArrowDownOutlined />}
          disabled={!props.onDown}
          onClick={props.onDown}
        />
        <Button
          size="small"
          danger
          aria-label={`${t('remove')} ${props.label}`}
          icon={<DeleteOutlined />}
          onClick={props.onRemove}
        />
      </Space>
    </div>
  );
}
