// An admin's own report (a "saved report"): which documents, grouped by which
// fields, counting or summing what, for which roles. It lists and runs beside the
// built-ins. Field choices come from the document type's definition, labelled.
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { loadDefinitions } from '../../api/definitions';
import type { Definition, Locale } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { loadRoles } from '../admin/users-screen';
import { saveReport, type SavedReportInput } from './report-api';

type Node = Record<string, unknown>;
type Label = Record<Locale, string>;

interface FieldChoice {
  path: string;
  label: Label;
  numeric: boolean;
  date: boolean;
}

/** Top-level fields and line fields (`lines.qty`) of a definition, with both labels. */
export function fieldChoices(def: Definition): FieldChoice[] {
  const out: FieldChoice[] = [];
  const walk = (props: Node | undefined, prefix: string, parent?: Label) => {
    for (const [name, raw] of Object.entries(props ?? {})) {
      const node = raw as Node;
      const own = (node['x-title'] as Label | undefined) ?? { 'zh-CN': name, en: name };
      const label = parent ? { 'zh-CN': `${parent['zh-CN']} · ${own['zh-CN']}`, en: `${parent.en} · ${own.en}` } : own;
      if (node.type === 'array' && !prefix) {
        walk((node.items as Node | undefined)?.properties as Node | undefined, `${name}.`, own);
      } else if (node.type !== 'object' && node.type !== 'array') {
        const numeric = node.type === 'number' || node.type === 'integer';
        out.push({ path: `${prefix}${name}`, label, numeric, date: node.format === 'date' });
      }
    }
  };
  walk(def.schema.properties as Node | undefined, '');
  return out;
}

interface Values {
  code: string;
  titleZh: string;
  titleEn: string;
  documentType: string;
  dateField?: string;
  groupBy: string[];
  op: 'count' | 'sum' | 'avg';
  field?: string;
  roles?: string[];
}

function measureTitle(op: Values['op'], field: FieldChoice | undefined): Label {
  if (op === 'count' || !field) return { 'zh-CN': '单数', en: 'Count' };
  return op === 'sum'
    ? { 'zh-CN': `${field.label['zh-CN']}（合计）`, en: `${field.label.en} (sum)` }
    : { 'zh-CN': `${field.label['zh-CN']}（平均）`, en: `${field.label.en} (average)` };
}

export function SavedReportDialog({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('documentType', form);
  const op = Form.useWatch('op', form);
  const defs = useAsync(loadDefinitions, []);
  const roles = useAsync(loadRoles, []);
  const def = defs.data?.find((d) => d.key === type)?.definition;
  const fields = def ? fieldChoices(def) : [];
  const option = (f: FieldChoice) => ({ value: f.path, label: pick(f.label, f.path) });

  const submit = async (v: Values) => {
    const input: SavedReportInput = {
      key: `custom_${v.code}`,
      title: { 'zh-CN': v.titleZh, en: v.titleEn },
      documentType: v.documentType,
      ...(v.dateField ? { dateField: v.dateField } : {}),
      filters: [],
      groupBy: v.groupBy,
      measures: [
        {
          op: v.op,
          ...(v.op === 'count' ? {} : { field: v.field }),
          title: measureTitle(
            v.op,
            fields.find((f) => f.path === v.field),
          ),
        },
      ],
      roles: v.roles ?? [],
    };
    setSaving(true);
    try {
      await saveReport(input);
      void message.success(t('saved'));
      form.resetFields();
      onSaved();
    } catch (err) {
      const fieldOf: Record<string, keyof Values> = { '/key': 'code', '/measures': 'field', '/title': 'titleZh' };
      const shown = err instanceof ApiError ? err.errors.filter((e) => fieldOf[e.path]) : [];
      if (shown.length > 0) form.setFields(shown.map((e) => ({ name: fieldOf[e.path], errors: [e.message] })));
      else void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reportNewCustom')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ op: 'count' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="titleZh" label={t('reportTitleZh')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="titleEn" label={t('reportTitleEn')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('reportCode')}
          extra={t('reportCodeHelp')}
          rules={[{ required: true, pattern: /^[a-z0-9_]{1,60}$/, message: t('reportCodeHelp') }]}
        >
          <Input addonBefore="custom_" maxLength={60} />
        </Form.Item>
        <Form.Item name="documentType" label={t('reportDocumentType')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={defs.loading}
            options={(defs.data ?? []).map((d) => ({ value: d.key, label: pick(d.title, d.key) }))}
            onChange={() => form.setFieldsValue({ groupBy: [], field: undefined, dateField: undefined })}
          />
        </Form.Item>
        <Form.Item
          name="groupBy"
          label={t('reportGroupBy')}
          rules={[{ required: true, type: 'array', min: 1, max: 3, message: t('reportGroupByHelp') }]}
        >
          <Select
            mode="multiple"
            maxCount={3}
            showSearch={{ optionFilterProp: 'label' }}
            options={fields.filter((f) => !f.numeric).map(option)}
          />
        </Form.Item>
        <Form.Item name="op" label={t('reportMeasure')}>
          <Select options={(['count', 'sum', 'avg'] as const).map((o) => ({ value: o, label: t(`measure_${o}`) }))} />
        </Form.Item>
        {op && op !== 'count' && (
          <Form.Item name="field" label={t('reportMeasureField')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={fields.filter((f) => f.numeric).map(option)} />
          </Form.Item>
        )}
        <Form.Item name="dateField" label={t('reportDateField')} extra={t('reportDateFieldHelp')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={fields.filter((f) => f.date && !f.path.includes('.')).map(option)}
          />
        </Form.Item>
        <Form.Item name="roles" label={t('reportRoles')} extra={t('reportRolesHelp')}>
          <Select
            mode="multiple"
            loading={roles.loading}
            options={(roles.data?.items ?? []).map((r) => ({ value: r.key, label: pick(r.label, r.key) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
