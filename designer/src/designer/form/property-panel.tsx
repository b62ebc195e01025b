// The selected field's properties: labels in both languages, key (checked as typed,
// applied only when valid), required, read-only, limits, default, help, and the
// type's own settings (options, referenced type, table columns).
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import {
  labelOf,
  setHelp,
  setKey,
  setLabel,
  setReadOnly,
  setReference,
  setRequired,
  setSchemaKeyword,
} from '../model/field-edit';
import { suggestKey } from '../model/keys';
import type { RuleField } from '../model/when';
import type { FieldModel, LocalizedText } from '../model/types';
import { KeyInput } from './field-key-input';
import { FieldLayoutSettings } from './field-layout-settings';
import { OptionsEditor } from './options-editor';
import { TableColumnsEditor } from './table-columns-editor';

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

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
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
        {field.kind === 'lines' && <TableColumnsEditor field={field} onChange={onChange} />}
        {topLevel && <FieldLayoutSettings field={field} fields={visibilityFields ?? []} onChange={onChange} />}
      </Form>
    </Card>
  );
}
