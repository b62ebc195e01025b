import { describe, expect, it } from 'vitest';
import type { ApprovalLevel, Definition, JsonLogic } from '../../engine/definitions/types';
import { byRule, label, sampleDefinition, withCustomer } from './fixtures';

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
    def.computed![1].logic = {
      reduce: [{ var: 'data.lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.amont' }] }, 0],
    };
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
    const findings = byRule(def, 'unknown-var', withCustomer);
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

describe('var paths into free-form objects', () => {
  it('accepts any key below an object that lists no properties, and refuses one below an object that does', () => {
    const def = sampleDefinition();
    (def.schema.properties as Record<string, unknown>).extra = {
      type: 'object',
      title: '扩展',
      'x-title': label('扩展', 'Extra'),
    };
    def.transitions[0].guard!.logic = { and: [{ var: 'data.extra.anything' }, { var: 'data.lines.0.sku' }] };
    expect(byRule(def, 'unknown-var').map((f) => f.path)).toEqual(['/transitions/0/guard/logic/and/1/var']);
  });
});
