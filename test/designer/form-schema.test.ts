// The pure parts of the generated form: the schema rjsf gets (labels in the UI
// language, computed fields read-only) and server errors placed at their fields.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../engine/definitions/types';
import { localizeErrors } from '../../designer/src/form/client-errors';
import { formSchema } from '../../designer/src/form/localize-schema';
import { serverErrorSchema } from '../../designer/src/form/server-errors';

type Node = { title?: string; readOnly?: boolean; properties: Record<string, Node>; items: Node; oneOf: Node[] };

const salesOrder = async () =>
  JSON.parse(await readFile(new URL('../../definitions/sales_order.json', import.meta.url), 'utf8')) as Definition;

describe('formSchema', () => {
  it('takes every title from x-title in the chosen language', async () => {
    const schema = formSchema(await salesOrder(), 'en') as unknown as Node;
    expect(schema.properties.customer.title).toBe('Customer');
    expect(schema.properties.lines.items.properties.qty.title).toBe('Quantity');
    expect(schema.properties.paymentTerms.oneOf.map((o) => o.title)).toContain('Net 30');
    const zh = formSchema(await salesOrder(), 'zh-CN') as unknown as Node;
    expect(zh.properties.lines.items.properties.qty.title).toBe('数量');
  });

  it('makes computed fields read-only even when the schema does not say so', async () => {
    const def = await salesOrder();
    const lines = (def.schema.properties as Record<string, Node>).lines;
    delete lines.items.properties.amount.readOnly;
    delete (def.schema.properties as Record<string, Node>).total.readOnly;
    const schema = formSchema(def, 'zh-CN') as unknown as Node;
    expect(schema.properties.total.readOnly).toBe(true);
    expect(schema.properties.lines.items.properties.amount.readOnly).toBe(true);
    expect(schema.properties.lines.items.properties.qty.readOnly).toBeUndefined();
    // The definition itself is left as it was.
    expect(lines.items.properties.amount.readOnly).toBeUndefined();
  });
});

describe('serverErrorSchema', () => {
  it('puts each message at the field its JSON Pointer names, and an empty path on the form', () => {
    const errors = serverErrorSchema([
      { path: '/lines/0/qty', message: '必须 > 0 / must be > 0' },
      { path: '/customer', message: '必填' },
      { path: '/a~1b', message: 'escaped' },
      { path: '', message: 'duplicate value' },
    ]) as Record<string, unknown>;
    expect(errors).toMatchObject({
      lines: { 0: { qty: { __errors: ['必须 > 0 / must be > 0'] } } },
      customer: { __errors: ['必填'] },
      'a/b': { __errors: ['escaped'] },
      __errors: ['duplicate value'],
    });
  });
});

describe('localizeErrors', () => {
  it('words common ajv errors in Chinese the way the engine does', () => {
    const [error] = localizeErrors('zh-CN')([
      { name: 'exclusiveMinimum', params: { limit: 0 }, message: 'must be > 0', property: '.lines.0.qty', stack: '' },
    ]);
    expect(error.message).toBe('必须 > 0');
    const [en] = localizeErrors('en')([
      {
        name: 'required',
        params: { missingProperty: 'customer' },
        message: "must have required property 'customer'",
        stack: '',
      },
    ]);
    expect(en.message).toBe('is required');
  });
});
