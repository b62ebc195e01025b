// A small definition the API suites publish and vary: tickets with a region (for
// row filters), one transition (for effects) and a print template.
import type { Definition, PermissionSpec } from '../../engine/definitions/types';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export function ticketDefinition(
  options: { effects?: string[]; permissions?: Record<string, PermissionSpec> } = {},
): Omit<Definition, 'version'> {
  return {
    key: 'ticket',
    title: L('工单', 'Ticket'),
    category: 'document',
    schema: {
      type: 'object',
      required: ['title', 'region'],
      properties: {
        title: { type: 'string', title: '标题', 'x-title': L('标题', 'Title'), minLength: 1 },
        region: { type: 'string', title: '区域', 'x-title': L('区域', 'Region'), enum: ['north', 'south'] },
        hours: { type: 'number', title: '工时', 'x-title': L('工时', 'Hours'), minimum: 0 },
        cost: { type: 'number', title: '费用', 'x-title': L('费用', 'Cost'), readOnly: true },
      },
    },
    computed: [{ field: 'cost', logic: { '*': [{ var: 'data.hours' }, 50] } }],
    numbering: { pattern: 'TK-{seq:5}' },
    states: [
      { key: 'open', label: L('处理中', 'Open'), color: 'blue', editable: true, terminal: false },
      { key: 'closed', label: L('已关闭', 'Closed'), color: 'gray', editable: false, terminal: true },
    ],
    initialState: 'open',
    transitions: [
      {
        key: 'close',
        from: ['open'],
        to: 'closed',
        label: L('关闭', 'Close'),
        roles: ['sales_clerk', 'sales_manager'],
        ...(options.effects ? { effects: options.effects } : {}),
      },
    ],
    templates: [
      {
        key: 'slip',
        label: L('工单', 'Ticket slip'),
        kind: 'print',
        body: '<p>{{doc.number}} {{data.title}} {{money data.cost}}</p>',
      },
    ],
    permissions: options.permissions ?? {
      sales_clerk: { create: true, read: 'own', update: 'own', transitions: ['close'] },
      sales_manager: {
        create: true,
        read: { filter: { '==': [{ var: 'data.region' }, 'north'] } },
        update: true,
        transitions: ['close'],
      },
    },
    listColumns: ['number', 'data.title', 'data.region', 'state', 'createdAt'],
    searchFields: ['data.title'],
  };
}
