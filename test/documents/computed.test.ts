import { describe, expect, it } from 'vitest';
import { applyComputed, compileComputed, type ComputedSpec } from '../../engine/documents/computed';
import { Dec } from '../../engine/money/decimal';
import { ruleBuildCount } from '../../engine/rules/compile-rule';

// sales_order's computed fields (DESIGN §13), plus the due date from the terms.
const SALES_ORDER: ComputedSpec[] = [
  {
    field: 'lines[].amount',
    logic: { '*': [{ var: 'line.qty' }, { var: 'line.price' }, { '-': [1, { var: 'line.discount' }] }] },
  },
  { field: 'total', logic: { sum: [{ var: 'data.lines' }, 'amount'] } },
  { field: 'dueDate', logic: { add_days: [{ var: 'data.orderDate' }, { terms_days: { var: 'data.paymentTerms' } }] } },
];

const ctx = {
  user: { id: 'u1', username: 'li', roles: ['sales_clerk'] },
  now: '2024-05-01T00:00:00.000Z',
  related: {},
};

/** Deterministic pseudo-random numbers (a test must fail the same way twice). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('applyComputed', () => {
  it('computes line amounts, the total and the due date', () => {
    const out = applyComputed(
      SALES_ORDER,
      {
        orderDate: '2024-05-01',
        paymentTerms: 'NET30',
        lines: [
          { product: 'p1', qty: 2, price: 100, discount: 0.1 },
          { product: 'p2', qty: 3, price: 19.99, discount: 0 },
        ],
      },
      ctx,
    );
    expect(out.lines).toEqual([
      { product: 'p1', qty: 2, price: 100, discount: 0.1, amount: 180 },
      { product: 'p2', qty: 3, price: 19.99, discount: 0, amount: 59.97 },
    ]);
    expect(out.total).toBe(239.97);
    expect(out.dueDate).toBe('2024-05-31');
  });

  it('ignores computed values the client sent', () => {
    const out = applyComputed(
      SALES_ORDER,
      {
        orderDate: '2024-05-01',
        lines: [{ qty: 1, price: 10, discount: 0, amount: 99999 }],
        total: 1,
        dueDate: '2099-01-01',
      },
      ctx,
    );
    expect((out.lines as Array<{ amount: number }>)[0].amount).toBe(10);
    expect(out.total).toBe(10);
    expect(out.dueDate).toBe('2024-05-01');
  });

  it('drops a client-sent value the server cannot compute', () => {
    const out = applyComputed(
      SALES_ORDER,
      { lines: [{ qty: 2, discount: 0, amount: 50 }], dueDate: '2099-01-01' },
      ctx,
    );
    expect((out.lines as object[])[0]).not.toHaveProperty('amount');
    expect(out.total).toBe(0);
    expect(out).not.toHaveProperty('dueDate');
  });

  it('rounds half-up on the exact amount, not the drifted float', () => {
    // 1.15 × 0.9 and 0.35 × 0.7 drift below the half in floats (1.03, 0.24).
    expect(Math.round(1.15 * (1 - 0.1) * 100) / 100).toBe(1.03);
    const out = applyComputed(
      SALES_ORDER,
      {
        lines: [
          { qty: 1, price: 1.15, discount: 0.1 },
          { qty: 1, price: 0.35, discount: 0.3 },
        ],
      },
      ctx,
    );
    expect((out.lines as Array<{ amount: number }>).map((l) => l.amount)).toEqual([1.04, 0.25]);
    expect(out.total).toBe(1.29);
  });

  it('totals 0.1 + 0.2 as 0.3', () => {
    const out = applyComputed(
      SALES_ORDER,
      {
        lines: [
          { qty: 1, price: 0.1, discount: 0 },
          { qty: 1, price: 0.2, discount: 0 },
        ],
      },
      ctx,
    );
    expect(out.total).toBe(0.3);
  });

  it('totals a 1,000-line order to the exact decimal sum', () => {
    const random = lcg(42);
    const discounts = [0, 0, 0.05, 0.1, 0.15, 0.3, 0.125];
    const lines = Array.from({ length: 1000 }, () => ({
      qty: Math.floor(random() * 50) + 1 + (random() < 0.2 ? Math.floor(random() * 1000) / 1000 : 0),
      // Prices as typed: 0.01–9999.99, two places.
      price: (Math.floor(random() * 999_999) + 1) / 100,
      discount: discounts[Math.floor(random() * discounts.length)],
    }));
    const out = applyComputed(SALES_ORDER, { lines }, ctx);

    // The same computation done independently in decimal.js.
    const amounts = lines.map((l) =>
      new Dec(l.qty).times(l.price).times(new Dec(1).minus(l.discount)).toDecimalPlaces(2, Dec.ROUND_HALF_UP),
    );
    const exact = amounts.reduce((a, b) => a.plus(b), new Dec(0));
    expect((out.lines as Array<{ amount: number }>).map((l) => l.amount)).toEqual(amounts.map((a) => a.toNumber()));
    expect(out.total).toBe(exact.toNumber());
    // The number prints as the exact decimal (no 0.000000001 tail).
    expect(String(out.total)).toBe(exact.toString());
    // …which adding the amounts as floats would not have given.
    expect(amounts.reduce((sum, a) => sum + a.toNumber(), 0)).not.toBe(exact.toNumber());
  });

  it('leaves the input data unchanged', () => {
    const data = { lines: [{ qty: 1, price: 5, discount: 0, amount: 7 }], total: 7 };
    const copy = structuredClone(data);
    applyComputed(SALES_ORDER, data, ctx);
    expect(data).toEqual(copy);
  });

  it('gives per-line rules the line and the document context', () => {
    const specs: ComputedSpec[] = [
      { field: 'lines[].cny', logic: { '*': [{ var: 'line.usd' }, { var: 'data.rate' }] } },
      { field: 'lines[].approver', logic: { var: 'user.username' } },
      {
        field: 'summary.count',
        logic: { reduce: [{ var: 'data.lines' }, { '+': [1, { var: 'accumulator' }] }, 0] },
        decimals: 0,
      },
    ];
    const out = applyComputed(specs, { rate: 7.1, lines: [{ usd: 10.01 }, { usd: 0.1 }] }, ctx);
    expect(out.lines).toEqual([
      { usd: 10.01, cny: 71.07, approver: 'li' },
      { usd: 0.1, cny: 0.71, approver: 'li' },
    ]);
    expect(out.summary).toEqual({ count: 2 });
  });

  it('stores 0, not -0, for an amount that rounds to zero', () => {
    const out = applyComputed([{ field: 'x', logic: { '-': [0, 0.001] } }], {}, ctx);
    expect(Object.is(out.x, 0)).toBe(true);
  });

  it('compiles a definition version once', () => {
    const specs: ComputedSpec[] = structuredClone(SALES_ORDER);
    applyComputed(specs, { lines: [] }, ctx);
    const builds = ruleBuildCount();
    for (let i = 0; i < 100; i++) applyComputed(specs, { lines: [{ qty: i, price: 1, discount: 0 }] }, ctx);
    expect(ruleBuildCount()).toBe(builds);
  });
});

describe('compileComputed', () => {
  it('lists the computed fields in order', () => {
    expect(compileComputed({ computed: SALES_ORDER }).fields).toEqual(['lines[].amount', 'total', 'dueDate']);
  });

  it('refuses a malformed field path with 422 naming it', () => {
    expect(() => compileComputed([{ field: 'lines[].[0]', logic: 1 }])).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: '/computed/0/field' })],
      }),
    );
  });

  it('refuses an unknown operator naming the rule', () => {
    expect(() =>
      compileComputed([
        { field: 'total', logic: 1 },
        { field: 'x', logic: { summ: [1] } },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: '/computed/1/logic' })],
      }),
    );
  });
});
