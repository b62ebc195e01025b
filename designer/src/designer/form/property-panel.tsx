// The selected field's properties: labels in both languages, key (checked as typed,
// applied only when valid), required, read-only, limits, default, help, and the
// type's own settings (options, referenced type, table columns).
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/locale';
import { useDt, type DesignerKey } from '../i18n';
import {
  labelOf,
  setHelp,
  setKey,
  setLabel,
  setOptions,
  setReadOnly,
  setReference,
  setRequired,
  setSchemaKeyword,
  setVisibleWhen,
  setWidth,
} from '../model/field-edit';
import { checkFieldKey, suggestKey } from '../model/keys';
import { visibleWhenOf, widthOf } from '../model/layout';
import type { RuleField } from '../model/when';
import { WhenBuilder } from '../approvals/when-builder';
import { DEFAULT_LABELS, newField, optionLines, parseOptionLines, selectOptions } from '../model/palette';
import { FIELD_KINDS, type FieldModel, type LocalizedText } from '../model/types';

interface Props {
  field: FieldModel | undefined;
  siblings: FieldModel[];
  /** A field of the form itself (not a table column): it has a width and may have a visibility rule. */
  topLevel?: boolean;
  visibilityFields?: RuleField[];
  refTypes: Array<{ key: string; title: LocalizedText }>;
  onChange(next: FieldModel, group?: string): void;
  onRemove(): void;
}

function KeyInput({ field, siblings, onChange }: Pick<Props, 'siblings' | 'onChange'> & { field: FieldModel }) {
  const t = useDt();
  // What the admin typed while it is not a valid key; a valid key goes straight to the model.
  const [invalid, setInvalid] = useState<string | null>(null);
  const text = invalid ?? field.key;
  const problem = checkFieldKey(
    text,
    siblings.filter((s) => s.id !== field.id).map((s) => s.key),
  );
  return (
    <Form.Item
      label={t('fieldKey')}
      validateStatus={problem ? 'error' : undefined}
      help={problem ? t(`key_${problem}` as DesignerKey) : undefined}
      htmlFor="designer-field-key"
    >
      <Input
        id="designer-field-key"
        value={text}
        onChange={(e) => {
          const p = checkFieldKey(
            e.target.value,
            siblings.filter((s) => s.id !== field.id).map((s) => s.key),
          );
          setInvalid(p ? e.target.value : null);
          if (!p) onChange(setKey(field, e.target.value), `key:${field.id}`);
        }}
      />
    </Form.Item>
  );
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function Columns({ field, onChange }: { field: FieldModel; onChange: Props['onChange'] }) {
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
  onChange: Props['onChange'];
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

function OptionsEditor({
  field,
  onChange,
  compact,
}: {
  field: FieldModel;
  onChange: Props['onChange'];
  compact?: boolean;
}) {
  const t = useDt();
  const options = selectOptions(field.schema);
  // The text while it is typed (blank lines and a half-typed "中文 /" stay as they are).
  const [bulk, setBulk] = useState<string | null>(null);
  if (bulk !== null) {
    return (
      <div className={compact ? 'options-editor is-compact' : 'options-editor'}>
        <Input.TextArea
          aria-label={t('optionsBulk')}
          placeholder={t('optionsBulkHint')}
          autoSize={{ minRows: 3 }}
          value={bulk}
          autoFocus
          onChange={(e) => {
            setBulk(e.target.value);
            const parsed = parseOptionLines(e.target.value);
            if (parsed.length > 0) onChange(setOptions(field, parsed), `options:${field.id}`);
          }}
        />
        <Button size="small" onClick={() => setBulk(null)}>
          {t('optionsBulkDone')}
        </Button>
      </div>
    );
  }
  const set = (i: number, part: Partial<(typeof options)[number]>) =>
    onChange(
      setOptions(
        field,
        options.map((o, j) => (j === i ? { ...o, ...part, label: { ...o.label, ...(part.label ?? {}) } } : o)),
      ),
      `options:${field.id}`,
    );
  return (
    <div className={compact ? 'options-editor is-compact' : 'options-editor'}>
      {options.map((o, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Input
            aria-label={`${t('optionValue')} ${i + 1}`}
            value={o.value}
            onChange={(e) => set(i, { value: e.target.value })}
            style={{ width: '30%' }}
          />
          <Input
            aria-label={`${t('labelZh')} ${i + 1}`}
            value={o.label['zh-CN']}
            onChange={(e) => set(i, { label: { ...o.label, 'zh-CN': e.target.value } })}
          />
          <Input
            aria-label={`${t('labelEn')} ${i + 1}`}
            value={o.label.en}
            onChange={(e) => set(i, { label: { ...o.label, en: e.target.value } })}
          />
          <Button
            aria-label={`${t('remove')} ${i + 1}`}
            icon={<DeleteOutlined />}
            disabled={options.length <= 1}
            onClick={() =>
              onChange(
                setOptions(
                  field,
                  options.filter((_, j) => j !== i),
                ),
              )
            }
          />
        </Space.Compact>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() =>
          onChange(
            setOptions(field, [
              ...options,
              {
                value: `o${options.length + 1}`,
                label: { 'zh-CN': `选项${options.length + 1}`, en: `Option ${options.length + 1}` },
              },
            ]),
          )
        }
      >
        {t('addOption')}
      </Button>
      <Button size="small" type="link" onClick={() => setBulk(optionLines(options))}>
        {t('optionsBulkEdit')}
      </Button>
    </div>
  );
}

const WIDTHS = [24, 18, 16, 12, 8, 6] as const;

function Layout({ field, fields, onChange }: { field: FieldModel; fields: RuleField[]; onChange: Props['onChange'] }) {
  const t = useDt();
  const when = visibleWhenOf(field);
  return (
    <>
      <Form.Item label={t('width')}>
        <Select<number | 'auto'>
          aria-label={t('width')}
          value={widthOf(field) ?? 'auto'}
          options={[
            { value: 'auto', label: t('widthAuto') },
            ...WIDTHS.map((w) => ({ value: w, label: t(`width_${w}`) })),
          ]}
          onChange={(v) => onChange(setWidth(field, v === 'auto' ? undefined : v))}
        />
      </Form.Item>
      <Form.Item label={t('visibleWhen')} help={when === undefined ? t('visibleAlways') : undefined}>
        <WhenBuilder
          key={field.id}
          when={when}
          fields={fields}
          label={t('visibleWhen')}
          onChange={(logic) => onChange(setVisibleWhen(field, logic), `visible:${field.id}`)}
        />
      </Form.Item>
      {when !== undefined && field.required && (
        <Alert type="warning" showIcon message={t('hiddenRequired')} style={{ marginBottom: 12 }} />
      )}
    </>
  );
}

export function PropertyPanel({ field, siblings, topLevel, visibilityFields, refTypes, onChange, onRemove }: Props) {
  const t = useDt();
  const { pick } = useI18n();
  if (!field) {
    return (
      <Card size="small" title={t('properties')} className="designer-properties">
        <Empty description={t('noSelection')} />
      </Card>
    );
  }
  const label = labelOf(field);
  const others = siblings.filter((s) => s.id !== field.id).map((s) => s.key);
  const numeric = field.kind === 'number' || field.kind === 'money' || field.kind === 'quantity';
  const textual = field.kind === 'text' || field.kind === 'textarea';
  return (
    <Card
      size="small"
      title={t('properties')}
      className="designer-properties"
      role="region"
      aria-label={t('properties')}
      extra={
        <Button danger size="small" icon={<DeleteOutlined />} onClick={onRemove}>
          {t('remove')}
        </Button>
      }
    >
      <Form layout="vertical" size="small" component="div">
        <Form.Item label={t('labelZh')} htmlFor="designer-label-zh">
          <Input
            id="designer-label-zh"
            value={label['zh-CN']}
            onChange={(e) => onChange(setLabel(field, { ...label, 'zh-CN': e.target.value }), `label:${field.id}`)}
          />
        </Form.Item>
        <Form.Item label={t('labelEn')} htmlFor="designer-label-en">
          <Input
            id="designer-label-en"
            value={label.en}
            onChange={(e) => {
              let next = setLabel(field, { ...label, en: e.target.value });
              // A new field's key follows its English label until the admin sets one.
              if (!field.origKey && field.key === suggestKey(label.en, others))
                next = setKey(next, suggestKey(e.target.value, others));
              onChange(next, `label:${field.id}`);
            }}
          />
        </Form.Item>
        <KeyInput key={field.id} field={field} siblings={siblings} onChange={onChange} />
        <Space size="large" wrap>
          <Form.Item label={t('required')} htmlFor="designer-required">
            <Switch id="designer-required" checked={field.required} onChange={(v) => onChange(setRequired(field, v))} />
          </Form.Item>
          <Form.Item label={t('readOnly')} htmlFor="designer-readonly">
            <Switch
              id="designer-readonly"
              checked={field.schema.readOnly === true}
              onChange={(v) => onChange(setReadOnly(field, v))}
            />
          </Form.Item>
        </Space>
        {numeric && (
          <Space>
            <Form.Item label={t('minimum')}>
              <InputNumber
                aria-label={t('minimum')}
                value={num(field.schema.minimum)}
                onChange={(v) => onChange(setSchemaKeyword(field, 'minimum', v ?? undefined), `min:${field.id}`)}
              />
            </Form.Item>
            <Form.Item label={t('maximum')}>
              <InputNumber
                aria-label={t('maximum')}
                value={num(field.schema.maximum)}
                onChange={(v) => onChange(setSchemaKeyword(field, 'maximum', v ?? undefined), `max:${field.id}`)}
              />
            </Form.Item>
          </Space>
        )}
        {textual && (
          <Space>
            <Form.Item label={t('maxLength')}>
              <InputNumber
                aria-label={t('maxLength')}
                min={1}
                value={num(field.schema.maxLength)}
                onChange={(v) => onChange(setSchemaKeyword(field, 'maxLength', v ?? undefined), `maxlen:${field.id}`)}
              />
            </Form.Item>
            <Form.Item label={t('pattern')}>
              <Input
                aria-label={t('pattern')}
                value={typeof field.schema.pattern === 'string' ? field.schema.pattern : ''}
                onChange={(e) => onChange(setSchemaKeyword(field, 'pattern', e.target.value), `pattern:${field.id}`)}
              />
            </Form.Item>
          </Space>
        )}
        {(textual || numeric) && (
          <Form.Item label={t('default')}>
            <Input
              aria-label={t('default')}
              value={field.schema.default === undefined ? '' : String(field.schema.default)}
              onChange={(e) =>
                onChange(
                  setSchemaKeyword(
                    field,
                    'default',
                    e.target.value === '' ? undefined : numeric ? Number(e.target.value) : e.target.value,
                  ),
                  `default:${field.id}`,
                )
              }
            />
          </Form.Item>
        )}
        <Form.Item label={t('help')}>
          <Input.TextArea
            aria-label={t('help')}
            rows={2}
            value={typeof field.schema.description === 'string' ? field.schema.description : ''}
            onChange={(e) => onChange(setHelp(field, e.target.value), `help:${field.id}`)}
          />
        </Form.Item>
        {field.kind === 'select' && (
          <Form.Item label={t('options')}>
            <OptionsEditor field={field} onChange={onChange} />
          </Form.Item>
        )}
        {field.kind === 'reference' && (
          <Form.Item label={t('refType')}>
            <Select
              aria-label={t('refType')}
              value={typeof field.schema['x-ref'] === 'string' ? field.schema['x-ref'] : undefined}
              options={refTypes.map((r) => ({ value: r.key, label: pick(r.title, r.key) }))}
              onChange={(v: string) => onChange(setReference(field, v))}
            />
          </Form.Item>
        )}
        {field.kind === 'lines' && <Columns field={field} onChange={onChange} />}
        {topLevel && <Layout field={field} fields={visibilityFields ?? []} onChange={onChange} />}
      </Form>
    </Card>
  );
}
