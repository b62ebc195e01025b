import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDataAjv } from '../../engine/definitions/data-ajv';
import { lintDefinition } from '../../engine/definitions/lint/index';
import { loadDefinitionFiles, optionsFor } from '../../engine/plugins/definition-files';
import { validateDefinition } from '../../engine/definitions/validate-definition';
import type { Definition, JsonLogic, JsonSchema } from '../../engine/definitions/types';
import { BUILTIN_ROLES } from '../../engine/definitions/types';
import { compileRule } from '../../engine/rules/compile-rule';

const root = resolve(import.meta.dirname, '../..');
const files = await loadDefinitionFiles(root);
const options = optionsFor(files);
const builtins = new Map(
  files
    .filter((f) => f.file.startsWith('definitions/'))
    .map((f) => [(f.content as Definition).key, f.content as Definition]),
);
const get = (key: string): Definition => {
  const def = builtins.get(key);
  if (!def) throw new Error(`no built-in definition ${key}`);
  return def;
};
const props = (schema: JsonSchema): Record<string, JsonSchema> => schema.properties as Record<string, JsonSchema>;
const lineProps = (def: Definition): Record<string, JsonSchema> => props(props(def.schema).lines.items as JsonSchema);
const run = (logic: JsonLogic, context: Record<string, unknown>): unknown =>
  compileRule(logic)({ data: {}, ...context });

describe('definition files', () => {
  it('include every built-in of §13, each file named after its key', () => {
    expect([...builtins.keys()].sort()).toEqual([
      'after_sales',
      'customer',
      'customer_receipt',
      'delivery',
      'goods_receipt',
      'order_template',
      'product',
      'promotion',
      'purchase_order',
      'purchase_requisition',
      'quotation',
      'sales_invoice',
      'sales_order',
      'sales_return',
      'stock_transfer',
      'stocktake',
      'supplier',
      'supplier_invoice',
      'supplier_payment',
      'voucher',
      'warehouse',
    ]);
    for (const f of files.filter((x) => x.file.startsWith('definitions/'))) {
      expect(f.file).toBe(`definitions/${(f.content as Definition).key}.json`);
    }
  });

  it.each(files.map((f) => [f.file, f.content] as const))('%s validates and lints with no errors', (_file, content) => {
    expect(validateDefinition(content)).toEqual([]);
    expect(lintDefinition(content, options).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('built-ins lint without warnings either', () => {
    for (const def of builtins.values()) expect(lintDefinition(def, options)).toEqual([]);
  });

  it.each(files.map((f) => [f.file, f.content] as const))('%s has a data schema ajv compiles', (_file, content) => {
    const ajv = createDataAjv();
    expect(() => ajv.compile((content as Definition).schema)).not.toThrow();
  });
});

/** Every label-like member anywhere in a definition: {zh-CN, en}, both non-empty. */
function labelProblems(value: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => labelProblems(v, `${at}/${i}`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (
        ['label', 'title', 'x-title', 'x-description', 'message', 'description'].includes(k) &&
        typeof v === 'object' &&
        v !== null
      ) {
        const text = v as Record<string, unknown>;
        if (
          typeof text['zh-CN'] !== 'string' ||
          text['zh-CN'] === '' ||
          typeof text.en !== 'string' ||
          text.en === ''
        ) {
          out.push(`${at}/${k}`);
        }
      }
      labelProblems(v, `${at}/${k}`, out);
    }
  }
  return out;
}

function unlabelledFields(schema: JsonSchema, at: string, out: string[]): string[] {
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (typeof child['x-title'] !== 'object' || typeof child.title !== 'string') out.push(`${at}/${name}`);
    unlabelledFields(child, `${at}/${name}`, out);
  }
  if (typeof schema.items === 'object') unlabelledFields(schema.items as JsonSchema, `${at}[]`, out);
  for (const option of (schema.oneOf ?? []) as JsonSchema[]) {
    if (typeof option['x-title'] !== 'object') out.push(`${at}=${String(option.const)}`);
  }
  return out;
}

describe('labels', () => {
  it.each([...builtins.keys()])('%s has zh-CN and en on every label, state, transition, level and field', (key) => {
    const def = get(key);
    expect(labelProblems(def, '', [])).toEqual([]);
    expect(def.states.every((s) => s.label['zh-CN'] && s.label.en)).toBe(true);
    expect(def.transitions.every((t) => t.label['zh-CN'] && t.label.en)).toBe(true);
    expect(unlabelledFields(def.schema, key, [])).toEqual([]);
  });
});

describe('master data', () => {
  it.each([
    ['customer', ['code', 'name', 'contact', 'phone', 'address', 'creditLevel', 'creditLimit', 'priceGroup']],
    ['supplier', ['code', 'name', 'contact', 'phone', 'rating']],
    [
      'product',
      [
        'sku',
        'name',
        'unit',
        'price',
        'cost',
        'barcode',
        'category',
        'safetyStock',
        'reorderPoint',
        'reorderQty',
        'tracksBatches',
        'shelfLifeDays',
      ],
    ],
    ['warehouse', ['code', 'name', 'allowNegative']],
  ])('%s has the §13 fields and starts active', (key, fields) => {
    const def = get(key);
    expect(def.category).toBe('master');
    expect(Object.keys(props(def.schema))).toEqual(expect.arrayContaining(fields));
    expect(def.states.map((s) => s.key)).toEqual(['active', 'inactive']);
    expect(def.initialState).toBe('active');
  });

  it('customer credit level is A, B or C; supplier rating 1–5; warehouses refuse negative stock by default', () => {
    // Labelled options: `oneOf` of const with zh-CN/en titles (prints and exports show the label).
    const levels = props(get('customer').schema).creditLevel.oneOf as Array<{ const: string; 'x-title': object }>;
    expect(levels.map((o) => o.const)).toEqual(['A', 'B', 'C']);
    expect(levels[2]['x-title']).toEqual({ 'zh-CN': 'C 级（关注）', en: 'C (watch)' });
    expect(props(get('supplier').schema).rating.enum).toEqual([1, 2, 3, 4, 5]);
    expect(props(get('warehouse').schema).allowNegative.default).toBe(false);
  });
});

describe('sales_order', () => {
  const so = get('sales_order');
  const transition = (key: string) => {
    const t = so.transitions.find((x) => x.key === key);
    if (!t) throw new Error(`no transition ${key}`);
    return t;
  };

  it('has the §13 fields', () => {
    expect(Object.keys(props(so.schema))).toEqual(
      expect.arrayContaining([
        'customer',
        'orderDate',
        'deliveryDate',
        'warehouse',
        'paymentTerms',
        'lines',
        'total',
        'remark',
      ]),
    );
    expect(Object.keys(lineProps(so))).toEqual([
      'product',
      'qty',
      'unit',
      'price',
      'discount',
      'amount',
      'shippedQty',
      'remainingQty',
    ]);
  });

  it('has the §13 states with their zh-CN labels', () => {
    expect(so.states.map((s) => [s.key, s.label['zh-CN']])).toEqual([
      ['draft', '新建'],
      ['pending_review', '待审核'],
      ['approved', '已审核'],
      ['shipped', '已发货'],
      ['completed', '已完成'],
      ['cancelled', '已取消'],
      ['closed', '已关闭'],
    ]);
    expect(so.initialState).toBe('draft');
    expect(so.states.filter((s) => s.terminal).map((s) => s.key)).toEqual(['completed', 'cancelled', 'closed']);
  });

  it('submits draft → approved, waiting in pending_review through manager then finance, reserving stock', () => {
    const submit = transition('submit');
    expect([submit.from, submit.to]).toEqual([['draft'], 'approved']);
    expect(submit.approval?.pendingState).toBe('pending_review');
    expect(submit.approval?.rejectTo).toBe('draft');
    // Reserving, then (for an accepted backorder) allocating and showing the promised date.
    expect(submit.approval?.effects).toEqual(['inventory.reserve', 'fulfilment.sync']);
    expect(submit.approval?.levels.map((l) => [l.key, l.approvers.roles])).toEqual([
      ['manager', ['sales_manager']],
      ['finance', ['finance_manager']],
    ]);
  });

  it.each([
    [9999.99, 'A', []],
    [10000, 'A', ['manager']],
    [99999, 'B', ['manager']],
    [100000, 'A', ['manager', 'finance']],
    [500, 'C', ['finance']],
  ])('a %s order for a credit-level %s customer needs %j', (total, creditLevel, expected) => {
    const context = { data: { total }, related: { customer: { creditLevel } } };
    const levels = transition('submit').approval?.levels ?? [];
    expect(levels.filter((l) => run(l.when ?? true, context)).map((l) => l.key)).toEqual(expected);
  });

  it.each([
    [{ creditLimit: 50000, openOrdersTotal: 30000 }, 20000, true],
    [{ creditLimit: 50000, openOrdersTotal: 30000 }, 20000.01, false],
    [{ creditLimit: 50000 }, 50001, false],
    [{ creditLimit: 0, openOrdersTotal: 1e9 }, 1e6, true],
    // What was invoiced and not yet received counts too; a prepayment leaves room.
    [{ creditLimit: 50000, openOrdersTotal: 10000, openReceivables: 20000 }, 20000.01, false],
    [{ creditLimit: 50000, openOrdersTotal: 10000, openReceivables: -5000 }, 45000, true],
  ])('the credit guard on submit with customer %j and total %s holds: %s', (customer, total, holds) => {
    const guard = transition('submit').guard;
    // The open-orders figure is the definition's declared lookup (`lookup.openOrdersTotal`).
    const { openOrdersTotal, ...rest } = customer as { openOrdersTotal?: number };
    const context = { data: { total }, related: { customer: rest }, lookup: { openOrdersTotal } };
    expect(Boolean(run(guard?.logic ?? false, context))).toBe(holds);
    expect(guard?.message?.['zh-CN']).toContain('信用额度');
  });

  it('computes line amounts with discount and the order total', () => {
    const [amount, total] = so.computed ?? [];
    expect([amount.field, total.field]).toEqual(['lines[].amount', 'total']);
    const lines = [
      { product: 'p1', qty: 2, price: 100, discount: 0.1 },
      { product: 'p2', qty: 3, price: 10, discount: 0 },
    ].map((line) => ({ ...line, amount: run(amount.logic, { data: {}, line }) as number }));
    expect(lines.map((l) => l.amount)).toEqual([180, 30]);
    expect(run(total.logic, { data: { lines } })).toBe(210);
  });

  it('ships (issuing stock and creating the delivery), completes, cancels with a reason, closes', () => {
    expect(transition('ship')).toMatchObject({
      from: ['approved'],
      to: 'shipped',
      effects: ['finance.period_open', 'fulfilment.ship_order', 'document.create', 'finance.cogs'],
    });
    expect(transition('ship').effectOptions?.['document.create']).toMatchObject({ type: 'delivery', state: 'shipped' });
    expect(transition('close_rest')).toMatchObject({
      from: ['approved'],
      to: 'shipped',
      effects: ['inventory.release'],
    });
    expect(transition('complete')).toMatchObject({ from: ['shipped'], to: 'completed' });
    expect(transition('cancel')).toMatchObject({
      to: 'cancelled',
      requires: ['reason'],
      effects: ['inventory.release'],
    });
    expect(transition('close')).toMatchObject({ to: 'closed', requires: ['reason'] });
  });

  it('only a sales manager cancels an approved order; anyone allowed cancels a draft', () => {
    const guard = transition('cancel').guard?.logic ?? false;
    const can = (state: string, roles: string[]) =>
      Boolean(run(guard, { doc: { state }, user: { id: 'u', username: 'u', roles } }));
    expect([
      can('draft', ['sales_clerk']),
      can('approved', ['sales_clerk']),
      can('approved', ['sales_manager']),
    ]).toEqual([true, false, true]);
  });

  it('numbers orders SO-{YYYY}{MM}{DD}-{seq:4}', () => {
    expect(so.numbering?.pattern).toBe('SO-{YYYY}{MM}{DD}-{seq:4}');
  });

  it('prints the order with number, customer name, lines, total and the amount in words', () => {
    const order = so.templates?.find((t) => t.key === 'order');
    expect(order).toMatchObject({ kind: 'print', label: { 'zh-CN': '销售订单' } });
    for (const part of [
      '{{doc.number}}',
      '{{related.customer.name}}',
      '{{#each data.lines}}',
      'data.total',
      '{{rmbUpper data.total}}',
    ]) {
      expect(order?.body).toContain(part);
    }
  });

  it('sets permissions for all seven roles', () => {
    expect(Object.keys(so.permissions ?? {}).sort()).toEqual([...BUILTIN_ROLES].sort());
    expect(so.permissions?.sales_clerk).toMatchObject({ create: true, read: 'own' });
    expect(so.permissions?.warehouse_keeper?.transitions).toEqual(['ship']);
  });

  it('shows a usable form: references pick documents, lines are editable rows, computed fields are read-only', () => {
    const ui = so.uiSchema as Record<string, Record<string, unknown>>;
    expect(ui['ui:order']).toEqual([
      'customer',
      'warehouse',
      'orderDate',
      'deliveryDate',
      'priority',
      'priorityOverride',
      'acceptBackorder',
      'promisedDate',
      'paymentTerms',
      'dueDate',
      'lines',
      'total',
      'paid',
      'remark',
      'quotation',
    ]);
    expect(ui.customer).toEqual({ 'ui:widget': 'docRef', 'ui:options': { type: 'customer' } });
    expect(ui.lines['ui:options']).toMatchObject({ addable: true, removable: true });
    expect((ui.lines.items as Record<string, unknown>).product).toEqual({
      'ui:widget': 'docRef',
      'ui:options': { type: 'product' },
    });
    expect(ui.total['ui:readonly']).toBe(true);
    expect(so.listColumns).toContain('data.total');
    expect(so.searchFields).toContain('number');
  });

  it('accepts a well-formed order and refuses a discount above 1, with the path', () => {
    const validate = createDataAjv().compile(so.schema);
    const order = {
      customer: 'c1',
      orderDate: '2025-03-01',
      warehouse: 'w1',
      lines: [{ product: 'p1', qty: 1, price: 10, discount: 0 }],
    };
    expect(validate(order)).toBe(true);
    expect(validate({ ...order, lines: [{ ...order.lines[0], discount: 1.5 }] })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/lines/0/discount']);
  });
});

describe('purchasing and inventory documents', () => {
  it('purchase_order needs purchase_manager approval from 20000 and counts approved lines as incoming', () => {
    const submit = get('purchase_order').transitions.find((t) => t.key === 'submit');
    const [level] = submit?.approval?.levels ?? [];
    expect(level.approvers.roles).toEqual(['purchase_manager']);
    expect([19999.99, 20000].map((total) => Boolean(run(level.when ?? true, { data: { total } })))).toEqual([
      false,
      true,
    ]);
    expect(submit?.approval?.effects).toEqual(['inventory.expect']);
  });

  it('goods_receipt posts accepted quantities per line with batch and expiry', () => {
    const gr = get('goods_receipt');
    expect(Object.keys(props(gr.schema))).toEqual(
      expect.arrayContaining(['supplier', 'warehouse', 'purchaseOrder', 'lines']),
    );
    expect(Object.keys(lineProps(gr))).toEqual(
      expect.arrayContaining(['product', 'acceptedQty', 'rejectedQty', 'batch', 'expiry']),
    );
    expect(gr.transitions.find((t) => t.key === 'post')).toMatchObject({
      effects: ['finance.period_open', 'inventory.receive', 'finance.stock_voucher', 'inventory.allocate'],
    });
  });

  it.each([
    ['stock_transfer', ['fromWarehouse', 'toWarehouse', 'lines'], ['product', 'qty'], 'inventory.transfer'],
    ['stocktake', ['warehouse', 'lines'], ['product', 'countedQty'], 'inventory.adjust'],
  ])('%s has the §13 fields and a post transition', (key, fields, lineFields, effect) => {
    // Finance: a closed period refuses first; the stock value posts a voucher after the commit.
    // A transfer in is allocated to waiting backorders after the commit.
    const posting =
      key === 'stocktake' ? ['finance.period_open', effect, 'finance.stock_voucher'] : [effect, 'inventory.allocate'];
    const def = get(key);
    expect(Object.keys(props(def.schema))).toEqual(expect.arrayContaining(fields));
    expect(Object.keys(lineProps(def))).toEqual(expect.arrayContaining(lineFields));
    expect(def.transitions.find((t) => t.key === 'post')?.effects).toEqual(posting);
  });

  it('a stock transfer between the same warehouse is refused by its guard', () => {
    const post = get('stock_transfer').transitions.find((t) => t.key === 'post');
    expect(run(post?.guard?.logic ?? true, { data: { fromWarehouse: 'w1', toWarehouse: 'w1' } })).toBe(false);
    expect(run(post?.guard?.logic ?? false, { data: { fromWarehouse: 'w1', toWarehouse: 'w2' } })).toBe(true);
  });
});
