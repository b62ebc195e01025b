// A select field's options: one row per option (value and both labels), or all of
// them at once as "中文 / English" lines, so a list can be pasted in one go.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useDt } from '../i18n';
import { setOptions } from '../model/field-edit';
import { optionLines, parseOptionLines, selectOptions } from '../model/palette';
import type { FieldModel } from '../model/types';

export function OptionsEditor({
  field,
  onChange,
  compact,
}: {
  field: FieldModel;
  onChange(next: FieldModel, group?: string): void;
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
