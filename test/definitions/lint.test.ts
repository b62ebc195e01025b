import { describe, expect, it } from 'vitest';
import { hasErrors, lintDefinition } from '../../engine/definitions/lint/index';
import type { LintOptions } from '../../engine/definitions/lint/index';
import type { ApprovalLevel, Definition, JsonLogic } from '../../engine/definitions/types';
import { label, sampleDefinition } from './fixtures';

const byRule = (def: unknown, rule: string, options?: LintOptions) =>
  lintDefinition(def, options).filter((f) => f.rule === rule);

const total = (op: string, n: number): JsonLogic => ({ [op]: [{ var: 'data.total' }, n] });

function withLevels(levels: Array<Partial<ApprovalLevel> & { when: JsonLogic }>): Definition {
  const def = sampleDefinition();
  def.transitions[0].approval!.levels = levels.map((l, i) => ({
    key: `l${i}`,
    label: label(`级别${i}`, `Level ${i}`),
    approvers: { roles: ['manager'] },
    mode: 'any',
    ...l,
  }));
  return def;
}

const customer: Definition = {
  ...sampleDefinition(),
  key: 'customer',
  schema: {
    type: 'object',
    properties: { name: { type: 'string' }, creditLevel: { type: 'string' }, creditLimit: { type: 'number' } },
  },
};
const resolver: LintOptions = { resolveDefinition: (key) => (key === 'customer' ? customer : undefined) };

describe('lintDefinition', () => {
  it('finds nothing in a sound definition', () => {
    expect(lintDefinition(sampleDefinition(), resolver)).toEqual([]);
  });

  it('turns meta-schema errors into error findings and stops there', () => {
    const findings = lintDefinition({ ...sampleDefinition(), initialState: 'Not A Key', states: [] });
    expect(findings.map((f) => [f.rule, f.severity, f.path])).toEqual([
      ['meta-schema', 'error', '/states'],
      ['meta-schema', 'error', '/initialState'],
    ]);
    expect(findings[0].i18n.en).toBe('needs at least 1 item(s)');
    expect(hasErrors(findings)).toBe(true);
  });

  it('gives every finding a bilingual message, zh-CN first', () => {
    const def = sampleDefinition();
    def.states.push({ key: 'lost', label: label('丢失', 'Lost'), color: 'red', editable: false, terminal: true });
    const [f] = lintDefinition(def);
    expect(f.message).toBe(`${f.i18n['zh-CN']} / ${f.i18n.en}`);
    expect(f.i18n['zh-CN']).toContain('丢失');
    expect(f.i18n.en).toContain('Lost');
  });
});

describe('duplicate keys', () => {
  it('flags a second state, transition, level, template and computed field with the same key', () => {
    const def = sampleDefinition();
    def.states.push({ ...def.states[3] });
    def.transitions.push({ ...def.transitions[1] });
    const levels = def.transitions[0].approval!.levels;
    levels.push({ ...levels[0] });
    def.templates!.push({ ...def.templates![0] });
    def.computed!.push({ ...def.computed![1] });
    expect(byRule(def, 'duplicate-key').map((f) => f.path)).toEqual([
      '/states/4/key',
      '/transitions/2/key',
      '/transitions/0/approval/levels/1/key',
      '/templates/1/key',
      '/computed/2/field',
    ]);
  });

  it('accepts distinct keys', () => {
    expect(byRule(sampleDefinition(), 'duplicate-key')).toEqual([]);
  });
});

describe('unknown references', () => {
  it('flags transitions, approvals and permissions naming states or transitions that do not exist', () => {
    const def = sampleDefinition();
    def.transitions[1].to = 'archived';
    def.transitions[0].approval!.pendingState = 'waiting';
    def.permissions!.clerk.transitions = ['submit', 'archive'];
    expect(byRule(def, 'unknown-reference').map((f) => f.path)).toEqual([
      '/transitions/0/approval/pendingState',
      '/transitions/1/to',
      '/permissions/clerk/transitions/1',
    ]);
  });

  it('accepts references to declared states and transitions', () => {
    expect(byRule(sampleDefinition(), 'unknown-reference')).toEqual([]);
  });
});

describe('unreachable states', () => {
  it('flags a state no transition leads to', () => {
    const def = sampleDefinition();
    def.states.push({ key: 'archived', label: label('已归档', 'Archived'), color: 'gray', editable: false, terminal: true });
    const findings = byRule(def, 'unreachable-state');
    expect(findings.map((f) => [f.severity, f.path])).toEqual([['error', '/states/4']]);
    expect(findings[0].i18n['zh-CN']).toContain('已归档');
  });

  it('counts the pending state of an approval as reachable', () => {
    expect(byRule(sampleDefinition(), 'unreachable-state')).toEqual([]);
  });
});

describe('dead-end states', () => {
  it('flags a non-terminal state with no way out', () => {
    const def = sampleDefinition();
    def.states[3].terminal = false;
    expect(byRule(def, 'dead-end-state').map((f) => [f.severity, f.path])).toEqual([['error', '/states/3']]);
  });

  it('warns about a terminal state that still has a way out', () => {
    const def = sampleDefinition();
    def.states[2].terminal = true;
    expect(byRule(def, 'dead-end-state').map((f) => [f.severity, f.path])).toEqual([['warning', '/states/2/terminal']]);
  });

  it('accepts a pending state whose exits are approval decisions', () => {
    expect(byRule(sampleDefinition(), 'dead-end-state')).toEqual([]);
  });
});

describe('transitions nobody may run', () => {
  it('flags a transition with no roles that no permission grants', () => {
    const def = sampleDefinition();
    def.transitions[1].roles = [];
    def.permissions!.clerk.transitions = ['submit'];
    expect(byRule(def, 'unrunnable-transition').map((f) => f.path)).toEqual(['/transitions/1/roles']);
  });

  it('accepts a transition granted only through permissions', () => {
    const def = sampleDefinition();
    def.transitions[1].roles = [];
    expect(byRule(def, 'unrunnable-transition')).toEqual([]);
  });

  it('flags an approval level with no approvers', () => {
    const def = sampleDefinition();
    def.transitions[0].approval!.levels[0].approvers = { roles: [], users: [] };
    expect(byRule(def, 'unrunnable-transition').map((f) => f.path)).toEqual([
      '/transitions/0/approval/levels/0/approvers',
    ]);
  });
});

describe('approval bands', () => {
  it('flags the gap left by total <= 10000 and total > 20000', () => {
    const findings = byRule(withLevels([{ when: total('<=', 10000) }, { when: total('>', 20000) }]), 'approval-band');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', path: '/transitions/0/approval/levels' });
    expect(findings[0].message).toContain('(10000, 20000]');
  });

  it('accepts cumulative thresholds, including one widened by a non-numeric condition (§13)', () => {
    const def = withLevels([
      { when: total('>=', 10000) },
      { when: { or: [total('>=', 100000), { '==': [{ var: 'related.customer.creditLevel' }, 'C'] }] } },
    ]);
    expect(byRule(def, 'approval-band')).toEqual([]);
  });

  it('flags explicit ranges that overlap', () => {
    const findings = byRule(withLevels([{ when: total('<=', 20000) }, { when: total('>', 10000) }]), 'approval-band');
    expect(findings.map((f) => [f.severity, f.path])).toEqual([['error', '/transitions/0/approval/levels/1/when']]);
    expect(findings[0].message).toContain('(10000, 20000]');
  });

  it('flags ranges that share a single boundary value', () => {
    const def = withLevels([
      { when: total('<=', 10000) },
      { when: { and: [total('>=', 10000), total('<', 50000)] } },
      { when: total('>=', 50000) },
    ]);
    const findings = byRule(def, 'approval-band');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('[10000, 10000]');
  });

  it('accepts ranges that meet exactly', () => {
    const def = withLevels([
      { when: total('<', 10000) },
      { when: { '<=': [10000, { var: 'data.total' }, 50000] } },
      { when: total('>', 50000) },
    ]);
    expect(byRule(def, 'approval-band')).toEqual([]);
  });

  it('accepts a range layered on top of a cumulative threshold', () => {
    const def = withLevels([
      { when: total('>=', 10000) },
      { when: { and: [total('>=', 50000), total('<', 100000)] } },
      { when: total('>=', 100000) },
    ]);
    expect(byRule(def, 'approval-band')).toEqual([]);
  });

  it('warns when every band stops below some amount', () => {
    const findings = byRule(withLevels([{ when: total('<=', 10000) }]), 'approval-band');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0].message).toContain('(10000, +∞)');
  });
});

describe('var paths', () => {
  const withGuard = (logic: JsonLogic): Definition => {
    const def = sampleDefinition();
    def.transitions[0].guard = { logic, message: label('不行', 'No') };
    return def;
  };

  it('flags a data path the schema does not have, pointing at the var', () => {
    const findings = byRule(withGuard({ '>': [{ var: 'data.totl' }, 0] }), 'unknown-var');
    expect(findings.map((f) => f.path)).toEqual(['/transitions/0/guard/logic/>/0/var']);
    expect(findings[0].message).toContain('data.totl');
  });

  it('accepts data, doc, user, now and array element paths', () => {
    const logic: JsonLogic = {
      and: [
        { '>': [{ var: 'data.lines.0.qty' }, 0] },
        { '==': [{ var: 'doc.state' }, 'draft'] },
        { in: ['clerk', { var: 'user.roles' }] },
        { '!!': { var: 'now' } },
        { '>': [{ var: 'data.lines.length' }, 0] },
        { all: [{ var: 'data.lines' }, { '>': [{ var: 'qty' }, 0] }] },
      ],
    };
    expect(byRule(withGuard(logic), 'unknown-var')).toEqual([]);
  });

  it('flags an unknown root and a field missing inside map/filter element scope', () => {
    const logic: JsonLogic = {
      and: [{ var: 'order.total' }, { some: [{ var: 'data.lines' }, { '>': [{ var: 'qtty' }, 0] }] }],
    };
    expect(byRule(withGuard(logic), 'unknown-var').map((f) => f.path)).toEqual([
      '/transitions/0/guard/logic/and/0/var',
      '/transitions/0/guard/logic/and/1/some/1/>/0/var',
    ]);
  });

  it('allows line. only in per-line computed fields', () => {
    expect(byRule(withGuard({ var: 'line.qty' }), 'unknown-var').map((f) => f.path)).toEqual([
      '/transitions/0/guard/logic/var',
    ]);
    expect(byRule(sampleDefinition(), 'unknown-var')).toEqual([]);
  });

  it('checks reduce element paths through current.', () => {
    const def = sampleDefinition();
    def.computed![1].logic = { reduce: [{ var: 'data.lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.amont' }] }, 0] };
    expect(byRule(def, 'unknown-var').map((f) => f.path)).toEqual(['/computed/1/logic/reduce/1/+/1/var']);
  });

  it('flags related names not declared, and fields of the related definition when it is known', () => {
    const def = withGuard({
      and: [
        { '==': [{ var: 'related.supplier.rating' }, 5] },
        { '==': [{ var: 'related.customer.creditLevl' }, 'C'] },
        { '<=': [{ var: 'related.customer.openOrdersTotal' }, { var: 'related.customer.creditLimit' }] },
      ],
    });
    const findings = byRule(def, 'unknown-var', resolver);
    expect(findings.map((f) => f.path)).toEqual([
      '/transitions/0/guard/logic/and/0/==/0/var',
      '/transitions/0/guard/logic/and/1/==/0/var',
    ]);
    expect(findings[0].message).toContain('related');
    // Without a way to look up customer, its fields cannot be checked.
    expect(byRule(def, 'unknown-var').map((f) => f.path)).toEqual(['/transitions/0/guard/logic/and/0/==/0/var']);
  });

  it('checks approval conditions and permission row filters too', () => {
    const def = sampleDefinition();
    def.transitions[0].approval!.levels[0].when = total('>=', 1);
    (def.transitions[0].approval!.levels[0].when as Record<string, JsonLogic[]>)['>='][0] = { var: 'data.sum' };
    def.permissions!.clerk.read = { filter: { '==': [{ var: 'data.owner' }, { var: 'user.id' }] } };
    expect(byRule(def, 'unknown-var').map((f) => f.path)).toEqual([
      '/transitions/0/approval/levels/0/when/>=/0/var',
      '/permissions/clerk/read/filter/==/0/var',
    ]);
  });
});

describe('unknown operators', () => {
  it('warns about an operator the rule engine does not know', () => {
    const def = sampleDefinition();
    def.transitions[0].guard!.logic = { '=>': [{ var: 'data.total' }, 0] };
    expect(byRule(def, 'unknown-operator').map((f) => [f.severity, f.path])).toEqual([
      ['warning', '/transitions/0/guard/logic/=>'],
    ]);
  });

  it('accepts json-logic operators and the engine business operators', () => {
    const def = sampleDefinition();
    def.transitions[0].guard!.logic = { '>': [{ round2: [{ sum: [{ var: 'data.lines' }, 'amount'] }] }, 0] };
    expect(byRule(def, 'unknown-operator')).toEqual([]);
    expect(byRule(def, 'unknown-var')).toEqual([]);
  });
});

describe('templates', () => {
  const withBody = (body: string): Definition => {
    const def = sampleDefinition();
    def.templates![0].body = body;
    return def;
  };
  const problems = (body: string) => byRule(withBody(body), 'template-field', resolver).map((f) => [f.severity, f.i18n.en]);

  it('flags a field the data does not have, with its line', () => {
    expect(problems('<p>\n{{data.totl}}</p>')).toEqual([
      ['error', 'template "Print" line 2 refers to "data.totl", which does not exist; available: data., doc., related., locale'],
    ]);
  });

  it('reads paths inside each relative to the line, with ../, @root and block params', () => {
    const body = [
      '{{#each data.lines}}{{qty}} {{../data.total}} {{@root.doc.number}} {{@index}}{{/each}}',
      '{{#each data.lines as |line|}}{{line.price}}{{/each}}',
      '{{#with related.customer}}{{name}}{{/with}}',
      '{{#if data.total}}{{data.total}}{{else}}{{locale}}{{/if}}',
    ].join('\n');
    expect(problems(body)).toEqual([]);
  });

  it('flags a line field that does not exist inside each', () => {
    expect(problems('{{#each data.lines}}{{qtty}} {{data.total}}{{/each}}').map(([, m]) => m)).toEqual([
      expect.stringContaining('"qtty"'),
      expect.stringContaining('"data.total"'),
    ]);
  });

  it('checks helper arguments and warns about unregistered helpers', () => {
    expect(problems('{{rmbUpper data.total}} {{money data.totl}} {{shout data.total}}')).toEqual([
      ['error', expect.stringContaining('"data.totl"')],
      ['warning', expect.stringContaining('"shout"')],
    ]);
  });

  it('reports a template that does not parse', () => {
    expect(problems('{{#each data.lines}}')).toEqual([['error', expect.stringContaining('does not parse')]]);
  });
});

describe('field references', () => {
  it('flags computed targets, list columns, search fields, indexes and related fields that do not exist', () => {
    const def = sampleDefinition();
    def.computed![0].field = 'lines[].subtotal';
    def.listColumns = ['number', 'data.custmer'];
    def.searchFields = ['data.remark'];
    def.indexes = [{ keys: { 'data.customer': 1, 'data.date': -1 } }];
    def.related = { customer: { type: 'customer', field: 'client' } };
    expect(byRule(def, 'unknown-field').map((f) => f.path)).toEqual([
      '/computed/0/field',
      '/listColumns/1',
      '/searchFields/0',
      '/indexes/0/keys/data.date',
      '/related/customer/field',
    ]);
  });

  it('flags a related type that does not exist when definitions can be looked up', () => {
    const def = sampleDefinition();
    def.related = { customer: { type: 'client', field: 'customer' } };
    expect(byRule(def, 'unknown-field', resolver).map((f) => f.path)).toEqual(['/related/customer/type']);
    expect(byRule(def, 'unknown-field')).toEqual([]);
  });
});

describe('effects', () => {
  it('warns about an effect nobody registered', () => {
    const def = sampleDefinition();
    def.transitions[1].effects = ['inventory.teleport'];
    expect(byRule(def, 'effect').map((f) => [f.severity, f.path])).toEqual([['warning', '/transitions/1/effects/0']]);
  });

  it('flags an inventory effect whose fields the schema lacks', () => {
    const def = sampleDefinition();
    def.transitions[0].approval!.effects = ['inventory.reserve'];
    def.transitions[1].effects = ['inventory.issue'];
    def.transitions[1].effectOptions = { 'inventory.issue': { qtyField: 'quantity' } };
    delete (def.schema.properties as Record<string, unknown>).warehouse;
    expect(byRule(def, 'effect').map((f) => f.path)).toEqual([
      '/transitions/0/approval/effects/0',
      '/transitions/1/effects/0',
      '/transitions/1/effectOptions/inventory.issue/qtyField',
    ]);
  });

  it('accepts an inventory effect whose fields exist', () => {
    const def = sampleDefinition();
    def.transitions[1].effects = ['inventory.issue'];
    expect(byRule(def, 'effect')).toEqual([]);
  });

  it('needs the type document.create should create', () => {
    const def = sampleDefinition();
    def.transitions[1].effects = ['document.create'];
    expect(byRule(def, 'effect').map((f) => f.path)).toEqual(['/transitions/1/effects/0']);
    def.transitions[1].effectOptions = { 'document.create': { type: 'customer', data: {} } };
    expect(byRule(def, 'effect', resolver)).toEqual([]);
  });
});

describe('ui schema', () => {
  it('flags a ui:order naming a missing field or leaving one out', () => {
    const def = sampleDefinition();
    def.uiSchema!['ui:order'] = ['customer', 'lines', 'total', 'remark'];
    expect(byRule(def, 'ui-schema').map((f) => [f.severity, f.path])).toEqual([
      ['error', '/uiSchema/ui:order/3'],
      ['error', '/uiSchema/ui:order'],
    ]);
  });

  it('accepts a partial ui:order ending in "*"', () => {
    const def = sampleDefinition();
    def.uiSchema!['ui:order'] = ['customer', '*'];
    expect(byRule(def, 'ui-schema')).toEqual([]);
  });

  it('flags a docRef widget without a type and warns about settings for missing fields', () => {
    const def = sampleDefinition();
    def.uiSchema!.customer = { 'ui:widget': 'docRef' };
    def.uiSchema!.lines = { items: { 'ui:order': ['*'], sku: { 'ui:widget': 'text' } } };
    expect(byRule(def, 'ui-schema').map((f) => [f.severity, f.path])).toEqual([
      ['error', '/uiSchema/customer/ui:options'],
      ['warning', '/uiSchema/lines/items/sku'],
    ]);
  });
});

describe('labels', () => {
  it('warns about a field without a bilingual label', () => {
    const def = sampleDefinition();
    const lines = (def.schema.properties as Record<string, { items: { properties: Record<string, unknown> } }>).lines;
    lines.items.properties.note = { type: 'string' };
    expect(byRule(def, 'label').map((f) => [f.severity, f.path])).toEqual([
      ['warning', '/schema/properties/lines/items/properties/note'],
    ]);
  });

  it('accepts fields that all carry x-title', () => {
    expect(byRule(sampleDefinition(), 'label')).toEqual([]);
  });
});

describe('var paths into free-form objects', () => {
  it('accepts any key below an object that lists no properties, and refuses one below an object that does', () => {
    const def = sampleDefinition();
    (def.schema.properties as Record<string, unknown>).extra = { type: 'object', title: '扩展', 'x-title': label('扩展', 'Extra') };
    def.transitions[0].guard!.logic = { and: [{ var: 'data.extra.anything' }, { var: 'data.lines.0.sku' }] };
    expect(byRule(def, 'unknown-var').map((f) => f.path)).toEqual(['/transitions/0/guard/logic/and/1/var']);
  });
});
