// Computed fields built with selects instead of formulas: a line amount as the
// product of line columns (a column may enter as 1 − column, e.g. a discount), and a
// total as the sum of a column over the lines. Formulas of any other shape are listed
// and kept exactly as written.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Select, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/locale';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import { fromComputed, toComputed, type ComputedSpec } from '../model/computed';
import { labelOf, setReadOnly } from '../model/field-edit';
import { suggestKey } from '../model/keys';
import { applyItems, itemId, layoutItems } from '../model/layout';
import { newField } from '../model/palette';
import type { FieldModel } from '../model/types';

const numericKinds = new Set(['number', 'money', 'quantity']);

export function ComputedPanel() {
  const t = useDt();
  const { pick } = useI18n();
  const { model, update } = useEditor();
  const specs = (model.def.computed ?? []).map(fromComputed);
  const tables = model.fields.filter((f) => f.kind === 'lines');
  const name = (f: FieldModel) => `${pick(labelOf(f), f.key)} (${f.key})`;

  const write = (next: ComputedSpec[], fields = model.fields, sections = model.sections) => {
    const def: typeof model.def = { ...model.def, computed: next.map(toComputed) };
    if (next.length === 0 && !model.def.computed) delete (def as { computed?: unknown }).computed;
    update({ ...model, def, fields, sections });
  };
  const change = (i: number, spec: ComputedSpec) => write(specs.map((s, j) => (j === i ? spec : s)));

  function addLineProduct() {
    const table = tables[0];
    if (!table) return;
    const columns = table.columns ?? [];
    const numeric = columns.filter((c) => numericKinds.has(c.kind));
    let amount = columns.find((c) => c.key === 'amount');
    let fields = model.fields;
    if (!amount) {
      amount = setReadOnly(
        newField(
          'money',
          suggestKey(
            'amount',
            columns.map((c) => c.key),
          ),
          { 'zh-CN': '金额', en: 'Amount' },
        ),
        true,
      );
      fields = fields.map((f) => (f.id === table.id ? { ...f, columns: [...columns, amount as FieldModel] } : f));
    }
    const factors = numeric
      .filter((c) => c.key !== amount?.key)
      .slice(0, 2)
      .map((c) => ({ field: c.key }));
    write([...specs, { kind: 'line-product', lines: table.key, target: amount.key, factors }], fields);
  }

  function addSum() {
    const table = tables[0];
    if (!table) return;
    const column =
      (table.columns ?? []).find((c) => numericKinds.has(c.kind) && c.key === 'amount') ??
      (table.columns ?? []).find((c) => numericKinds.has(c.kind));
    let { fields, sections } = model;
    let total = fields.find((f) => f.key === 'total');
    if (!total) {
      total = setReadOnly(newField('money', 'total', { 'zh-CN': '合计', en: 'Total' }), true);
      // Right after the table, in its section.
      const ids = layoutItems(fields, sections).map(itemId);
      ids.splice(ids.indexOf(table.id) + 1, 0, total.id);
      ({ fields, sections } = applyItems([...fields, total], sections, ids));
    }
    write(
      [...specs, { kind: 'sum', target: total.key, lines: table.key, column: column?.key ?? 'amount' }],
      fields,
      sections,
    );
  }

  return (
    <Card
      size="small"
      title={t('computed')}
      className="designer-computed"
      extra={
        <Space wrap>
          <Button size="small" icon={<PlusOutlined />} disabled={tables.length === 0} onClick={addLineProduct}>
            {t('addLineProduct')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} disabled={tables.length === 0} onClick={addSum}>
            {t('addSum')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('computedHint')}</Typography.Paragraph>
      {specs.map((spec, i) => {
        const remove = (
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('remove')} ${i + 1}`}
            onClick={() => write(specs.filter((_, j) => j !== i))}
          />
        );
        if (spec.kind === 'custom') {
          return (
            <div key={i} className="computed-row">
              <code>{spec.field}</code> = <code className="formula">{JSON.stringify(spec.logic)}</code>
              <span className="muted"> {t('cmp_custom')}</span> {remove}
            </div>
          );
        }
        const table = tables.find((f) => f.key === spec.lines);
        const columns = table?.columns ?? [];
        const tableSelect = (
          <Select
            size="small"
            aria-label={t('cmp_lines')}
            value={spec.lines}
            style={{ minWidth: 140 }}
            options={tables.map((f) => ({ value: f.key, label: name(f) }))}
            onChange={(lines: string) => change(i, { ...spec, lines })}
          />
        );
        if (spec.kind === 'sum') {
          return (
            <div key={i} className="computed-row" data-computed={spec.target}>
              <Select
                size="small"
                aria-label={t('cmp_target')}
                value={spec.target}
                style={{ minWidth: 140 }}
                options={model.fields
                  .filter((f) => numericKinds.has(f.kind))
                  .map((f) => ({ value: f.key, label: name(f) }))}
                onChange={(target: string) => change(i, { ...spec, target })}
              />
              <span> = Σ </span>
              {tableSelect}
              <span> . </span>
              <Select
                size="small"
                aria-label={t('cmp_column')}
                value={spec.column}
                style={{ minWidth: 120 }}
                options={columns.filter((c) => numericKinds.has(c.kind)).map((c) => ({ value: c.key, label: name(c) }))}
                onChange={(column: string) => change(i, { ...spec, column })}
              />
              {remove}
            </div>
          );
        }
        return (
          <div key={i} className="computed-row" data-computed={`${spec.lines}[].${spec.target}`}>
            {tableSelect}
            <span> . </span>
            <Select
              size="small"
              aria-label={t('cmp_target')}
              value={spec.target}
              style={{ minWidth: 120 }}
              options={columns.filter((c) => numericKinds.has(c.kind)).map((c) => ({ value: c.key, label: name(c) }))}
              onChange={(target: string) => change(i, { ...spec, target })}
            />
            <span> = </span>
            <Select
              size="small"
              mode="multiple"
              aria-label={t('cmp_factors')}
              value={spec.factors.map((f) => f.field)}
              style={{ minWidth: 200 }}
              options={columns
                .filter((c) => numericKinds.has(c.kind) && c.key !== spec.target)
                .map((c) => ({ value: c.key, label: name(c) }))}
              onChange={(keys: string[]) =>
                change(i, {
                  ...spec,
                  factors: keys.map((k) => spec.factors.find((f) => f.field === k) ?? { field: k }),
                })
              }
            />
            {spec.factors.map((f) => (
              <Checkbox
                key={f.field}
                checked={f.complement === true}
                onChange={(e) =>
                  change(i, {
                    ...spec,
                    factors: spec.factors.map((x) =>
                      x.field === f.field ? { field: x.field, ...(e.target.checked ? { complement: true } : {}) } : x,
                    ),
                  })
                }
              >
                1 − {f.field}
              </Checkbox>
            ))}
            {remove}
          </div>
        );
      })}
    </Card>
  );
}
