// The designer's model for form layout and permissions, without a browser: sections
// and columns in `ui:sections`, a field's width and visibility rule in its
// `ui:options`, all round-tripping; the permissions matrix over the definition's
// `permissions` block.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../engine/definitions/index';
import { setKey, setRequired, setVisibleWhen, setWidth } from '../../designer/src/designer/model/field-edit';
import { fromDefinition, toDefinition } from '../../designer/src/designer/model/form-model';
import {
  insertField,
  itemId,
  layoutItems,
  moveItem,
  newSection,
  sectionItemId,
  spanIn,
} from '../../designer/src/designer/model/layout';
import { newField } from '../../designer/src/designer/model/palette';
import {
  restrict,
  roleRows,
  setCreate,
  setRead,
  setTransitions,
  setUpdate,
} from '../../designer/src/designer/model/permissions';
import { hiddenFields, withoutHidden } from '../../designer/src/form/visibility';
import { queryOf, ruleFields, whenOf } from '../../designer/src/designer/model/when';

const load = async (name: string) =>
  JSON.parse(await readFile(new URL(`../../definitions/${name}`, import.meta.url), 'utf8')) as Definition;

const keysOf = (model: ReturnType<typeof fromDefinition>) =>
  layoutItems(model.fields, model.sections).map((i) => (i.kind === 'section' ? `#${i.section.key}` : i.field.key));

async function withSections(): Promise<Definition> {
  const def = await load('sales_order.json');
  return {
    ...def,
    uiSchema: {
      ...def.uiSchema,
      'ui:sections': [
        { key: 'head', title: { 'zh-CN': '基本信息', en: 'Basics' }, columns: 2, fields: ['customer', 'orderDate'] },
        { key: 'body', title: { 'zh-CN': '明细', en: 'Lines' }, columns: 1, fields: ['lines', 'total'], note: 'kept' },
      ],
    },
  };
}

describe('sections and columns', () => {
  it('gives back a hand-written ui:sections exactly, unknown section parts included', async () => {
    const def = await withSections();
    const model = fromDefinition(structuredClone(def));
    expect(model.sections.map((s) => [s.key, s.columns, s.fieldIds.length])).toEqual([
      ['head', 2, 2],
      ['body', 1, 2],
    ]);
    expect(JSON.stringify(toDefinition(model))).toBe(JSON.stringify(def));
  });

  it('moves a field dragged onto a field of a section into that section (after it, as dnd-kit moves down), and writes it there', async () => {
    const model = fromDefinition(await withSections());
    const remark = model.fields.find((f) => f.key === 'remark')!;
    const orderDate = model.fields.find((f) => f.key === 'orderDate')!;
    expect(keysOf(model).indexOf('remark')).toBeLessThan(keysOf(model).indexOf('#head'));
    const moved = { ...model, ...moveItem(model.fields, model.sections, remark.id, orderDate.id) };
    const order = keysOf(moved);
    expect(order.slice(order.indexOf('#head'), order.indexOf('#body'))).toEqual([
      '#head',
      'customer',
      'orderDate',
      'remark',
    ]);
    const out = toDefinition(moved);
    const sections = out.uiSchema?.['ui:sections'] as Array<{ key: string; fields: string[] }>;
    expect(sections[0].fields).toEqual(['customer', 'orderDate', 'remark']);
    expect(sections[1]).toMatchObject({ fields: ['lines', 'total'], note: 'kept' });
    const uiOrder = out.uiSchema?.['ui:order'] as string[];
    expect(uiOrder.indexOf('remark')).toBe(uiOrder.indexOf('orderDate') + 1);
  });

  it('drops a new field onto a section header as the first field of that section; a rename follows into ui:sections', async () => {
    const model = fromDefinition(await withSections());
    const body = model.sections[1];
    const note = newField('textarea', 'note', { 'zh-CN': '备注', en: 'Note' });
    const placed = { ...model, ...insertField(model.fields, model.sections, note, sectionItemId(body)) };
    expect(placed.sections[1].fieldIds[0]).toBe(note.id);
    const renamed = {
      ...placed,
      fields: placed.fields.map((f) => (f.id === note.id ? setKey(f, 'internalNote') : f)),
    };
    const sections = toDefinition(renamed).uiSchema?.['ui:sections'] as Array<{ fields: string[] }>;
    expect(sections[1].fields).toEqual(['internalNote', 'lines', 'total']);
  });

  it('adds a section to a form that had none, with the following fields in it; removing all sections removes ui:sections', async () => {
    const def = await load('sales_order.json');
    const model = fromDefinition(structuredClone(def));
    const s = newSection(model.sections, { 'zh-CN': '分组1', en: 'Section 1' });
    const ids = layoutItems(model.fields, [s]).map(itemId);
    // The header dragged to the top: every field now follows it.
    const withOne = { ...model, ...moveItem(model.fields, [s], sectionItemId(s), ids[0]) };
    const out = toDefinition(withOne);
    expect((out.uiSchema?.['ui:sections'] as Array<{ fields: string[] }>)[0]).toMatchObject({
      key: 'section1',
      columns: 2,
      fields: model.fields.map((f) => f.key),
    });
    expect(JSON.stringify(toDefinition({ ...withOne, sections: [] }))).toBe(JSON.stringify(def));
  });

  it('lays a field out by the section columns unless it has its own width; tables take the whole row', () => {
    const text = newField('text', 'a', { 'zh-CN': 'A', en: 'A' });
    expect(spanIn(text, 2)).toBe(12);
    expect(spanIn(text, 3)).toBe(8);
    expect(spanIn(setWidth(text, 24), 2)).toBe(24);
    expect(spanIn(newField('lines', 'l', { 'zh-CN': 'L', en: 'L' }), 3)).toBe(24);
  });
});

describe('field width and visibility rule', () => {
  it('writes width and the rule into ui:options, reads them back, and removing them gives the field back as it was', async () => {
    const def = await load('sales_order.json');
    const model = fromDefinition(structuredClone(def));
    const remark = model.fields.find((f) => f.key === 'remark')!;
    const rule = { '>=': [{ var: 'data.total' }, 10000] };
    const edited = setVisibleWhen(setWidth(remark, 12), rule);
    const out = toDefinition({ ...model, fields: model.fields.map((f) => (f.id === remark.id ? edited : f)) });
    expect((out.uiSchema?.remark as Record<string, unknown>)['ui:options']).toMatchObject({
      span: 12,
      visibleWhen: rule,
    });
    expect(toDefinition(fromDefinition(out))).toEqual(out);
    const back = setVisibleWhen(setWidth(edited, undefined), undefined);
    expect(
      JSON.stringify(toDefinition({ ...model, fields: model.fields.map((f) => (f.id === remark.id ? back : f)) })),
    ).toBe(JSON.stringify(def));
  });

  it('builds the rule with the query builder and hides the field while it does not hold', () => {
    const def = {
      key: 'expense_claim',
      title: { 'zh-CN': '费用报销单', en: 'Expense claim' },
      schema: {
        type: 'object',
        properties: {
          category: {
            type: 'string',
            oneOf: [
              { const: 'travel', title: '差旅' },
              { const: 'meal', title: '餐饮' },
            ],
          },
          flightNo: { type: 'string' },
        },
      },
      states: [],
      transitions: [],
    } as unknown as Definition;
    const fields = ruleFields(def, () => undefined);
    expect(fields.find((f) => f.name === 'data.category')?.values).toEqual([
      // A plain title reads the same in either language.
      { name: 'travel', label: { 'zh-CN': '差旅', en: '差旅' } },
      { name: 'meal', label: { 'zh-CN': '餐饮', en: '餐饮' } },
    ]);
    const rule = whenOf({
      combinator: 'and',
      rules: [{ field: 'data.category', operator: '=', value: 'travel' }],
    });
    expect(rule).toEqual({ '==': [{ var: 'data.category' }, 'travel'] });
    expect(queryOf(rule).rules).toHaveLength(1);
    const ui = { flightNo: { 'ui:options': { visibleWhen: rule } } };
    expect([...hiddenFields(ui, { category: 'meal' })]).toEqual(['flightNo']);
    expect([...hiddenFields(ui, { category: 'travel' })]).toEqual([]);
    expect([...hiddenFields({ flightNo: { 'ui:options': { visibleWhen: { nope: [1] } } } }, {})]).toEqual([]);
  });

  it("drops the client's errors on hidden fields only, so a hidden required field does not block saving", () => {
    const errors = [{ property: 'flightNo' }, { property: '.flightNo.code' }, { property: 'category' }, {}];
    expect(withoutHidden(errors, new Set(['flightNo']))).toEqual([{ property: 'category' }, {}]);
    expect(withoutHidden(errors, new Set())).toBe(errors);
  });

  it('keeps required and a rule apart: setting one does not change the other', () => {
    const f = setVisibleWhen(setRequired(newField('text', 'x', { 'zh-CN': 'X', en: 'X' }), true), { var: 'data.y' });
    expect(f.required).toBe(true);
    expect(setRequired(f, false).ui?.['ui:options']).toMatchObject({ visibleWhen: { var: 'data.y' } });
  });
});

describe('permissions matrix', () => {
  it('shows a row per role: those in the block, those the workflow names and the known ones, with what each may do', async () => {
    const def = await load('sales_order.json');
    const rows = roleRows(def, ['director']);
    const clerk = rows.find((r) => r.role === 'sales_clerk')!;
    expect(clerk).toMatchObject({ create: true, read: 'own', update: 'own' });
    expect(clerk.viaWorkflow).toContain('submit');
    expect(rows.map((r) => r.role)).toContain('director');
    expect(rows.find((r) => r.role === 'director')).toMatchObject({ create: false, read: 'none', update: 'none' });
  });

  it('edits one keyword of one role and leaves the rest of the block as written; unedited it is unchanged', async () => {
    const def = await load('sales_order.json');
    expect(JSON.stringify(toDefinition(fromDefinition(structuredClone(def))))).toBe(JSON.stringify(def));
    let next = setCreate(def, 'director', true);
    next = setRead(next, 'director', 'rule', { '>=': [{ var: 'data.total' }, 500000] });
    next = setUpdate(next, 'director', 'none');
    next = setTransitions(next, 'director', ['close']);
    expect(next.permissions?.director).toEqual({
      create: true,
      read: { filter: { '>=': [{ var: 'data.total' }, 500000] } },
      transitions: ['close'],
    });
    expect(next.permissions?.sales_clerk).toEqual(def.permissions?.sales_clerk);
    const own = setRead(next, 'sales_clerk', 'all');
    expect(own.permissions?.sales_clerk?.read).toBe(true);
    expect(Object.keys(own.permissions?.sales_clerk ?? {})).toEqual(Object.keys(def.permissions?.sales_clerk ?? {}));
    // A role with nothing left drops out of the block.
    const none = setTransitions(setRead(setCreate(next, 'director', false), 'director', 'none'), 'director', []);
    expect(none.permissions?.director).toBeUndefined();
  });

  it('restricting keeps the workflow roles able to create, read and update; lifting it removes the block', () => {
    const def = {
      key: 'expense_claim',
      transitions: [
        { key: 'submit', from: ['draft'], to: 'submitted', roles: ['staff', 'admin'] },
        { key: 'pay', from: ['approved'], to: 'paid', roles: ['finance_manager'] },
      ],
    } as unknown as Definition;
    const on = restrict(def, true);
    expect(on.permissions).toEqual({
      staff: { create: true, read: true, update: true },
      finance_manager: { create: true, read: true, update: true },
    });
    expect(restrict(on, false)).toEqual(def);
  });
});
