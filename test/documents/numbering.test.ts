import { describe, expect, it } from 'vitest';
import { formatNumber, periodKey } from '../../engine/documents/numbering';
import { describeApi, orderData } from './harness';

describe('numbering patterns', () => {
  const at = new Date('2026-11-22T17:30:00Z'); // 2026-11-23 01:30 in Shanghai

  it('formats date tokens in the definition time zone and pads the sequence', () => {
    expect(formatNumber('SO-{YYYY}{MM}{DD}-{seq:4}', at, 7)).toBe('SO-20261123-0007');
    expect(formatNumber('SO-{YYYY}{MM}{DD}-{seq:4}', at, 7, 'UTC')).toBe('SO-20261122-0007');
    expect(formatNumber('PO{YY}{MM}-{seq:3}', at, 12345)).toBe('PO2611-12345');
  });

  it('keys the sequence by the period the pattern names', () => {
    expect(periodKey('SO-{YYYY}{MM}{DD}-{seq:4}', at)).toBe('20261123');
    expect(periodKey('PO{YY}{MM}-{seq:3}', at)).toBe('2611');
    expect(periodKey('C{seq:5}', at)).toBe('');
  });
});

describeApi('document numbers', (h) => {
  it('stay unique under 200 concurrent creates over real HTTP', async () => {
    const address = await h().app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify({ data: orderData(h(), [{ qty: 1, price: 10 }]) });
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${address}/api/documents/sales_order`, {
          method: 'POST',
          headers: { authorization: `Bearer ${h().clerk.token}`, 'content-type': 'application/json' },
          body,
        }),
      ),
    );
    const docs = await Promise.all(
      responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { number: string } })),
    );
    expect(docs.map((d) => d.status)).toEqual(Array(200).fill(201));
    const numbers = docs.map((d) => d.body.number);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.every((n) => /^SO-\d{8}-\d{4}$/.test(n))).toBe(true);
    const stored = await h().t.store.collection('documents_sales_order').count({});
    expect(stored).toBe(200);
  });
});
