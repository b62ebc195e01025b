// The field key box: what the admin types is checked as typed, and it reaches the
// model only once it is a valid, unique key among the field's siblings.
import { Form, Input } from 'antd';
import { useState } from 'react';
import { useDt, type DesignerKey } from '../i18n';
import { setKey } from '../model/field-edit';
import { checkFieldKey } from '../model/keys';
import type { FieldModel } from '../model/types';

export function KeyInput({
  field,
  siblings,
  onChange,
}: {
  field: FieldModel;
  siblings: FieldModel[];
  onChange(next: FieldModel, group?: string): void;
}) {
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
