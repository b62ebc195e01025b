// A small definition that lints clean; each test copies it and breaks one thing.
import { lintDefinition } from '../../engine/definitions/lint/index';
import type { LintOptions } from '../../engine/definitions/lint/index';
import type { Definition, Finding } from '../../engine/definitions/types';

const L = (zh: string, en: string): { 'zh-CN': string; en: string } => ({ 'zh-CN': zh, en });

export const label = L;

export function sampleDefinition(): Definition {
  return {
    key: 'sample_order',
    version: 1,
    title: L('示例订单', 'Sample order'),
    category: 'document',
    schema: {
      type: 'object',
      required: ['customer', 'lines'],
      properties: {
        customer: { type: 'string', title: '客户', 'x-title': L('客户', 'Customer'), 'x-ref': 'customer' },
        warehouse: { type: 'string', title: '仓库', 'x-title': L('仓库', 'Warehouse') },
        lines: {
          type: 'array',
          title: '明细',
          'x-title': L('明细', 'Lines'),
          items: {
            type: 'object',
            required: ['product', 'qty'],
            properties: {
              product: { type: 'string', title: '商品', 'x-title': L('商品', 'Product') },
              qty: { type: 'number', title: '数量', 'x-title': L('数量', 'Quantity') },
              price: { type: 'number', title: '单价', 'x-title': L('单价', 'Price') },
              amount: { type: 'number', title: '金额', 'x-title': L('金额', 'Amount'), readOnly: true },
            },
          },
        },
        total: { type: 'number', title: '合计', 'x-title': L('合计', 'Total'), readOnly: true },
      },
    },
    uiSchema: {
      'ui:order': ['customer', 'warehouse', 'lines', 'total', '*'],
      customer: { 'ui:widget': 'docRef', 'ui:options': { type: 'customer' } },
      lines: { items: { 'ui:order': ['product', 'qty', 'price', 'amount'] } },
    },
    computed: [
      { field: 'lines[].amount', logic: { '*': [{ var: 'line.qty' }, { var: 'line.price' }] } },
      {
        field: 'total',
        logic: { reduce: [{ var: 'data.lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0] },
      },
    ],
    numbering: { pattern: 'SX-{YYYY}{MM}-{seq:4}' },
    states: [
      { key: 'draft', label: L('新建', 'Draft'), color: 'default', editable: true, terminal: false },
      { key: 'pending', label: L('待审核', 'Pending'), color: 'orange', editable: false, terminal: false },
      { key: 'approved', label: L('已审核', 'Approved'), color: 'blue', editable: false, terminal: false },
      { key: 'done', label: L('已完成', 'Done'), color: 'green', editable: false, terminal: true },
    ],
    initialState: 'draft',
    transitions: [
      {
        key: 'submit',
        from: ['draft'],
        to: 'approved',
        label: L('提交', 'Submit'),
        roles: ['clerk'],
        guard: { logic: { '>': [{ var: 'data.total' }, 0] }, message: L('金额必须大于 0', 'Total must be above 0') },
        approval: {
          pendingState: 'pending',
          levels: [
            {
              key: 'manager',
              label: L('经理审批', 'Manager'),
              when: { '>=': [{ var: 'data.total' }, 10000] },
              approvers: { roles: ['manager'] },
              mode: 'any',
            },
          ],
        },
      },
      { key: 'finish', from: ['approved'], to: 'done', label: L('完成', 'Finish'), roles: ['clerk'] },
    ],
    templates: [
      {
        key: 'print',
        label: L('打印', 'Print'),
        kind: 'print',
        body: '<h1>{{doc.number}}</h1>{{#each data.lines}}{{product}} {{qty}}{{/each}} {{rmbUpper data.total}}',
      },
    ],
    permissions: { clerk: { create: true, read: 'own', update: 'own', transitions: ['submit', 'finish'] } },
    related: { customer: { type: 'customer', field: 'customer' } },
    listColumns: ['number', 'state', 'data.customer', 'data.total'],
    searchFields: ['number', 'data.customer'],
  };
}

/** The findings of one check. */
export const byRule = (def: unknown, rule: string, options?: LintOptions): Finding[] =>
  lintDefinition(def, options).filter((f) => f.rule === rule);

const customer: Definition = {
  ...sampleDefinition(),
  key: 'customer',
  schema: {
    type: 'object',
    properties: { name: { type: 'string' }, creditLevel: { type: 'string' }, creditLimit: { type: 'number' } },
  },
};

/** Lint options under which `customer` is a known definition (with name, creditLevel, creditLimit). */
export const withCustomer: LintOptions = { resolveDefinition: (key) => (key === 'customer' ? customer : undefined) };
