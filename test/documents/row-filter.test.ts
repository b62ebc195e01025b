// The JSON-Logic → store filter translation must select exactly the documents the
// rule itself accepts. Each case runs the rule with the rule engine on every sample
// document and compares with the translated filter evaluated by the embedded
// store's query engine (mingo, MongoDB semantics).
import { describe, expect, it } from 'vitest';
import { compileRowFilter, UntranslatableRuleError, type RuleUser } from '../../engine/documents/row-filter';
import { compileRule, ruleHolds } from '../../engine/rules/compile-rule';
import { compileFilter } from '../../engine/store/embedded/query';
import type { JsonLogic } from '../../engine/definitions/types';

const user: RuleUser = { id: 'u1', username: 'li.lei', roles: ['sales_clerk', 'north'] };

const docs = [
  {
    _id: 'a',
    state: 'draft',
    createdBy: 'u1',
    data: { region: 'north', total: 100, tags: ['vip'], owner: 'u1', urgent: true },
  },
  {
    _id: 'b',
    state: 'approved',
    createdBy: 'u2',
    data: { region: 'south', total: 5000, tags: [], owner: 'u2', urgent: false },
  },
  {
    _id: 'c',
    state: 'draft',
    createdBy: 'u2',
    data: { region: 'north', total: 20000, tags: ['vip', 'export'], owner: 'u1' },
  },
  { _id: 'd', state: 'cancelled', createdBy: 'u3', data: { region: 'east', total: '300', owner: null } },
  { _id: 'e', state: 'cancelled', createdBy: 'u3', data: { region: 'west', total: 300, owner: null } },
];

const envelope = (d: (typeof docs)[number]) => ({ id: d._id, state: d.state, createdBy: d.createdBy });

const cases: Array<[string, JsonLogic]> = [
  ['equality on data', { '==': [{ var: 'data.region' }, 'north'] }],
  ['loose equality with numbers and numeric strings', { '==': [{ var: 'data.total' }, 300] }],
  ['inequality', { '!=': [{ var: 'data.region' }, 'north'] }],
  ['range', { '>=': [{ var: 'data.total' }, 5000] }],
  ['constant on the left', { '<': [1000, { var: 'data.total' }] }],
  ['between', { '<=': [100, { var: 'data.total' }, 5000] }],
  ['field in a list', { in: [{ var: 'doc.state' }, ['draft', 'approved']] }],
  ['constant in an array field', { in: ['vip', { var: 'data.tags' }] }],
  ['owner is the caller', { '==': [{ var: 'data.owner' }, { var: 'user.id' }] }],
  ['created by the caller', { '===': [{ var: 'doc.createdBy' }, { var: 'user.id' }] }],
  ['field in the caller roles', { in: [{ var: 'data.region' }, { var: 'user.roles' }] }],
  [
    'role test folds to a constant',
    { or: [{ in: ['admin', { var: 'user.roles' }] }, { '==': [{ var: 'data.region' }, 'south'] }] },
  ],
  [
    'and / or / not',
    {
      and: [
        { '!': { '==': [{ var: 'doc.state' }, 'cancelled'] } },
        { or: [{ '>': [{ var: 'data.total' }, 10000] }, { '==': [{ var: 'data.region' }, 'south'] }] },
      ],
    },
  ],
  ['truthiness', { '!!': { var: 'data.urgent' } }],
  ['falsiness', { '!': { var: 'data.urgent' } }],
];

describe('row filter translation', () => {
  it.each(cases)('%s selects what the rule accepts', (name, logic) => {
    const rule = compileRule(logic);
    // Ranges compare values of one type, as the store does; schema validation keeps
    // stored numbers numbers, so only the loose-equality case sees the string '300'.
    const sample = name.startsWith('loose') ? docs : docs.filter((d) => typeof d.data.total === 'number');
    const expected = sample.filter((d) => ruleHolds(rule, { data: d.data, doc: envelope(d), user })).map((d) => d._id);
    const query = compileFilter(compileRowFilter(logic)(user));
    const actual = sample.filter((d) => query.test(d)).map((d) => d._id);
    expect(actual).toEqual(expected);
  });

  it.each<[string, JsonLogic]>([
    ['arithmetic', { '>': [{ '+': [{ var: 'data.total' }, 1] }, 5] }],
    ['var with a default', { '==': [{ var: ['data.region', 'north'] }, 'north'] }],
    ['two fields', { '==': [{ var: 'data.owner' }, { var: 'doc.createdBy' }] }],
    ['related data', { '==': [{ var: 'related.customer.creditLevel' }, 'A'] }],
    ['operator-looking path', { '==': [{ var: 'data.$where' }, 1] }],
  ])('refuses %s at compile time', (_name, logic) => {
    expect(() => compileRowFilter(logic)).toThrow(UntranslatableRuleError);
  });
});
