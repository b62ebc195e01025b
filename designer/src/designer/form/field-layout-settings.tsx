// Where a top-level field sits in the form: its width in the 24-column grid and the
// rule that shows it (a required field with a rule is flagged: the server still
// requires it while it is hidden).
import { Alert, Form, Select } from 'antd';
import { WhenBuilder } from '../approvals/when-builder';
import { useDt } from '../i18n';
import { setVisibleWhen, setWidth } from '../model/field-edit';
import { visibleWhenOf, widthOf } from '../model/layout';
import type { FieldModel } from '../model/types';
import type { RuleField } from '../model/when';

const WIDTHS = [24, 18, 16, 12, 8, 6] as const;

export function FieldLayoutSettings({
  field,
  fields,
  onChange,
}: {
  field: FieldModel;
  fields: RuleField[];
  onChange(next: FieldModel, group?: string): void;
}) {
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
