// Debits equal credits: every posting template balances for any amounts, and any
// sequence of postings written through postVoucher leaves a trial balance whose
// debits equal its credits; a posting that does not balance is refused and
// writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postVoucher, type Posting } from '../../engine/finance/vouchers';
import {
  billLines,
  cogsLines,
  invoiceLines,
  paymentLines,
  receiptLines,
  stockLines,
} from '../../engine/finance/templates';
import { trialBalance } from '../../engine/finance/reports/trial-balance';
import { documentsCollection } from '../../engine/documents/index';
import type { PostingLine } from '../../engine/finance/vouchers';
import { buildTestApp, type TestApp } from '../support/app';

const cents = fc.integer({ min: 1, max: 1_000_000_000 });
const sum = (lines: PostingLine[], side: 'debit' | 'credit') =>
  lines.reduce((t, l) => t + Math.round(Number(l[side] ?? 0) * 100), 0);

const anyLines: fc.Arbitrary<PostingLine[]> = fc.oneof(
  fc.tuple(cents, cents, fc.boolean()).map(([amount, tax, reverse]) => invoiceLines({ amount, tax }, reverse)),
  fc
    .tuple(cents, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean())
    .map(([amount, share, cash]) => receiptLines({ amount, allocated: Math.floor(amount * share), cash })),
  // Allocations may exceed the new money when earlier credit pays part of them.
  fc
    .tuple(fc.integer({ min: 0, max: 1_000_000_000 }), cents, fc.boolean(), fc.boolean())
    .map(([amount, allocated, cash, payment]) => (payment ? paymentLines : receiptLines)({ amount, allocated, cash })),
  fc
    .tuple(cents, cents, fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.boolean())
    .map(([total, tax, variance, reverse]) => billLines({ total, tax, variance }, reverse)),
  cents.map(cogsLines),
  fc
    .tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom('payable', 'otherIncome', 'cogs'))
    .filter(([net]) => net !== 0)
    .map(([net, counter]) => stockLines(net, counter as 'payable')),
);

describe('posting templates', () => {
  it('balance to the cent for any amounts', () => {
    fc.assert(
      fc.property(anyLines, (lines) => {
        expect(sum(lines, 'debit')).toBe(sum(lines, 'credit'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('postings through postVoucher', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const ctx = () => ({
    store: t.store,
    definitions: t.app.engine.definitions,
    actor: { id: 'system', username: 'system' },
    now: new Date(),
  });
  const posting = (lines: PostingLine[], day: number): Posting => ({
    key: `p${++n}`,
    date: `2026-05-${String(day).padStart(2, '0')}`,
    summary: { 'zh-CN': '测试', en: 'test' },
    source: { type: 'test', id: `s${n}` },
    lines,
  });

  it('keeps the trial balance debits equal to its credits over any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(anyLines, fc.integer({ min: 1, max: 28 })), { maxLength: 5 }), async (seq) => {
        for (const [lines, day] of seq) await postVoucher(ctx(), posting(lines, day));
        const tb = await trialBalance.run({ store: t.store, now: new Date(), progress: async () => {} }, {});
        expect(tb.totals?.debit).toBe(tb.totals?.credit);
        expect(tb.totals?.closingDebit).toBe(tb.totals?.closingCredit);
        const tbFrom = await trialBalance.run(
          { store: t.store, now: new Date(), progress: async () => {} },
          { from: '2026-05-15' },
        );
        expect(tbFrom.totals?.openingDebit).toBe(tbFrom.totals?.openingCredit);
      }),
      { numRuns: 15 },
    );
  }, 240_000);

  it('refuses a posting that does not balance and writes nothing', async () => {
    const before = await documentsCollection(t.store, 'voucher').count({});
    await expect(
      postVoucher(
        ctx(),
        posting(
          [
            { role: 'cash', debit: 100.01 },
            { role: 'revenue', credit: 100 },
          ],
          3,
        ),
      ),
    ).rejects.toMatchObject({ code: 'RULE_FAILED' });
    expect(await documentsCollection(t.store, 'voucher').count({})).toBe(before);
  });
});
