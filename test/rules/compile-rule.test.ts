import { describe, expect, it } from 'vitest';
import { AppError } from '../../engine/errors';
import type { JsonLogic } from '../../engine/definitions/types';
import { compileComputed } from '../../engine/documents/computed';
import {
  compileRule,
  createRuleSet,
  ruleBuildCount,
  ruleHolds,
  type RuleContext,
} from '../../engine/rules/compile-rule';

const managerWhen: JsonLogic = { '>=': [{ var: 'data.total' }, 10000] };
const financeWhen: JsonLogic = {
  or: [{ '>=': [{ var: 'data.total' }, 100000] }, { '==': [{ var: 'related.customer.creditLevel' }, 'C'] }],
};
const creditGuard: JsonLogic = {
  '<=': [
    { '+': [{ var: 'related.customer.openOrdersTotal' }, { var: 'data.total' }] },
    { var: 'related.customer.creditLimit' },
  ],
};
const lineAmount: JsonLogic = {
  '*': [{ var: 'line.qty' }, { var: 'line.price' }, { '-': [1, { var: 'line.discount' }] }],
};

function order(total: number, creditLevel = 'A'): RuleContext {
  return {
    data: { total, lines: [] },
    doc: { state: 'draft', number: 'SO-20240501-0001' },
    user: { id: 'u1', username: 'li', roles: ['sales_clerk'] },
    now: '2024-05-01T08:00:00.000Z',
    related: { customer: { creditLevel, creditLimit: 50000, openOrdersTotal: 30000 } },
  };
}

const evaluate = (logic: JsonLogic, context: RuleContext): unknown => compileRule(logic)(context);

describe('compileRule', () => {
  it('applies the manager level from a total of 10000', () => {
    const rule = compileRule(managerWhen);
    expect(rule(order(9999.99))).toBe(false);
    expect(rule(order(10000))).toBe(true);
  });

  it('applies the finance level for large totals or credit level C', () => {
    const rule = compileRule(financeWhen);
    expect(ruleHolds(rule, order(99999.99, 'A'))).toBe(false);
    expect(ruleHolds(rule, order(100000, 'A'))).toBe(true);
    expect(ruleHolds(rule, order(10, 'C'))).toBe(true);
  });

  it('refuses an order past the credit limit', () => {
    const guard = compileRule(creditGuard);
    expect(guard(order(20000))).toBe(true);
    expect(guard(order(20000.01))).toBe(false);
  });

  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(evaluate({ '+': [0.1, 0.2] }, order(0))).toBe(0.3);
    expect(evaluate({ '==': [{ '+': [0.1, 0.2] }, 0.3] }, order(0))).toBe(true);
  });

  it('keeps − × ÷ % decimal-exact', () => {
    const ctx = order(0);
    expect(evaluate({ '-': [1, 0.9] }, ctx)).toBe(0.1);
    expect(evaluate({ '*': [1.1, 1.1] }, ctx)).toBe(1.21);
    expect(evaluate({ '*': [3, 0.335] }, ctx)).toBe(1.005);
    expect(evaluate({ '/': [0.3, 0.1] }, ctx)).toBe(3);
    expect(evaluate({ '%': [0.3, 0.1] }, ctx)).toBe(0);
    expect(evaluate({ '/': [1, 3] }, ctx)).toBe(1 / 3);
  });

  it('computes a line amount as qty × price × (1 − discount) without drift', () => {
    const ctx: RuleContext = { ...order(0), line: { qty: 1, price: 0.35, discount: 0.3 } };
    // Plain float arithmetic gives 0.24499999999999997, which rounds to 0.24.
    expect(1 * 0.35 * (1 - 0.3)).not.toBe(0.245);
    expect(evaluate(lineAmount, ctx)).toBe(0.245);
  });

  it('sums a field over the lines exactly', () => {
    const ctx: RuleContext = { data: { lines: Array.from({ length: 10 }, () => ({ amount: 0.1 })) } };
    expect(evaluate({ sum: [{ var: 'data.lines' }, 'amount'] }, ctx)).toBe(1);
  });

  it('counts blank line values as 0 in a sum', () => {
    const ctx: RuleContext = { data: { lines: [{ amount: 1.5 }, { amount: null }, {}, { amount: '2.25' }] } };
    expect(evaluate({ sum: [{ var: 'data.lines' }, 'amount'] }, ctx)).toBe(3.75);
    expect(evaluate({ sum: [{ var: 'data.missing' }, 'amount'] }, ctx)).toBe(0);
  });

  it('rounds half-up to 2 places with round2', () => {
    const ctx = order(0);
    expect(evaluate({ round2: 1.005 }, ctx)).toBe(1.01);
    expect(evaluate({ round2: -1.005 }, ctx)).toBe(-1.01);
    expect(evaluate({ round2: 2.675 }, ctx)).toBe(2.68);
    expect(evaluate({ round: [2.5] }, ctx)).toBe(3);
    expect(evaluate({ round2: { var: 'data.nothing' } }, ctx)).toBe(null);
  });

  it('adds the payment-term days to the order date', () => {
    const rule = compileRule({ add_days: [{ var: 'data.orderDate' }, { terms_days: { var: 'data.paymentTerms' } }] });
    expect(rule({ data: { orderDate: '2024-01-31', paymentTerms: 'NET30' } })).toBe('2024-03-01');
    expect(rule({ data: { orderDate: '2023-12-15', paymentTerms: '月结60天' } })).toBe('2024-02-13');
    expect(rule({ data: { orderDate: '2024-05-01', paymentTerms: 'COD' } })).toBe('2024-05-01');
    expect(rule({ data: { orderDate: '2024-02-30', paymentTerms: 30 } })).toBe(null);
    expect(rule({ data: { paymentTerms: 30 } })).toBe(null);
  });

  it('adds days to a date-time in UTC', () => {
    expect(evaluate({ add_days: ['2024-05-01T16:30:00.000Z', 2] }, order(0))).toBe('2024-05-03T16:30:00.000Z');
  });

  it('refuses an unknown operator at compile time with 422 naming the path', () => {
    let caught: unknown;
    try {
      compileRule({ money_mull: [1, 2] }, { path: '/transitions/0/guard/logic' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.status).toBe(422);
    expect(err.errors?.[0].path).toBe('/transitions/0/guard/logic');
    expect(err.errors?.[0].message).toMatch(/money_mull/);
  });

  it('reports a rule that throws while evaluating as RULE_FAILED', () => {
    const rule = compileRule({ throw: { var: 'data.reason' } });
    expect(() => rule({ data: { reason: 'boom' } })).toThrow(expect.objectContaining({ code: 'RULE_FAILED' }));
  });

  it('is not changed by later edits to the logic object', () => {
    const logic = { '>': [{ var: 'data.total' }, 100] };
    const rule = compileRule(logic);
    logic['>'][1] = 1_000_000;
    expect(rule({ data: { total: 500 } })).toBe(true);
  });
});

describe('RuleSet', () => {
  it('builds an identical rule once, whichever object it comes in', () => {
    const set = createRuleSet();
    const before = ruleBuildCount();
    const a = set.compile(structuredClone(managerWhen));
    const b = set.compile(structuredClone(managerWhen));
    expect(a).toBe(b);
    expect(set.size).toBe(1);
    expect(ruleBuildCount() - before).toBe(1);
  });

  it('builds no rule on the request path after warm-up', () => {
    // Warm-up: what loading a sales_order definition version does.
    const set = createRuleSet();
    const before = ruleBuildCount();
    const levels = [set.compile(managerWhen), set.compile(financeWhen)];
    const guard = set.compile(creditGuard);
    const computed = compileComputed(
      [
        { field: 'lines[].amount', logic: lineAmount },
        { field: 'total', logic: { sum: [{ var: 'data.lines' }, 'amount'] } },
      ],
      set,
    );
    const warm = ruleBuildCount();
    expect(warm - before).toBe(5);

    // Requests: compute, guard, approval levels — and a loader asking the set
    // again for rules it already holds.
    for (let i = 0; i < 2000; i++) {
      const data = computed.apply(
        { lines: [{ qty: 1 + (i % 7), price: 1999.9, discount: 0.05 }], total: 1 },
        { related: { customer: { creditLevel: i % 3 === 0 ? 'C' : 'A', creditLimit: 1e9, openOrdersTotal: 0 } } },
      );
      const ctx: RuleContext = {
        data,
        related: { customer: { creditLevel: i % 3 === 0 ? 'C' : 'A', creditLimit: 1e9, openOrdersTotal: 0 } },
      };
      expect(guard(ctx)).toBe(true);
      levels.forEach((level) => ruleHolds(level, ctx));
      set.compile(managerWhen);
    }
    expect(ruleBuildCount()).toBe(warm);
  });
});
