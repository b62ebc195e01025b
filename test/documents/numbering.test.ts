import { describe, expect, it } from 'vitest';
import { compileNumbering } from '../../engine/documents/numbering';
import { ticketDefinition } from './fixtures';
import { createDoc, describeApi, orderData } from './harness';

describe('numbering patterns', () => {
  const at = new Date('2026-11-22T17:30:00Z'); // 2026-11-23 01:30 in Shanghai

  it('formats date tokens in the definition time zone and pads the sequence', () => {
    expect(compileNumbering('sales_order', 'SO-{YYYY}{MM}{DD}-{seq:4}').format(at, 7)).toBe('SO-20261123-0007');
    expect(compileNumbering('sales_order', 'SO-{YYYY}{MM}{DD}-{seq:4}', 'UTC').format(at, 7)).toBe('SO-20261122-0007');
    expect(compileNumbering('purchase_order', 'PO{YY}{MM}-{seq:3}').format(at, 12345)).toBe('PO2611-12345');
  });

  it('keys the sequence by the type and the period the pattern names', () => {
    expect(compileNumbering('sales_order', 'SO-{YYYY}{MM}{DD}-{seq:4}').counterAt(at)).toBe('sales_order:20261123');
    expect(compileNumbering('purchase_order', 'PO{YY}{MM}-{seq:3}').counterAt(at)).toBe('purchase_order:2611');
    expect(compileNumbering('customer', 'C{seq:5}').counterAt(at)).toBe('customer');
  });

  it('reads the date again once the second has passed', () => {
    const numbering = compileNumbering('sales_order', 'SO-{YYYY}{MM}{DD}-{seq:4}');
    expect(numbering.format(new Date('2026-11-22T15:59:59.900Z'), 1)).toBe('SO-20261122-0001');
    expect(numbering.format(new Date('2026-11-22T16:00:00.000Z'), 2)).toBe('SO-20261123-0002');
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

  it('leaves no gap for a create a unique index refuses where the store writes the number with the document', async () => {
    const unique = { ...ticketDefinition(), indexes: [{ keys: { 'data.title': 1 }, unique: true }] };
    const published = await h().admin.req('PUT', '/api/definitions/ticket', unique);
    expect(published.statusCode).toBe(201);
    const first = await createDoc(h().clerk, 'ticket', { title: '换镜片', region: 'north' });
    const refused = await h().clerk.req('POST', '/api/documents/ticket', {
      data: { title: '换镜片', region: 'south' },
    });
    expect(refused.statusCode).toBe(409);
    const next = await createDoc(h().clerk, 'ticket', { title: '配镜架', region: 'north' });
    const seq = (doc: { number?: unknown }) => Number(String(doc.number).replace('TK-', ''));
    // One write on the embedded store: the refused create took no number. A shared
    // store takes it in a write of its own first, so it may leave a gap, never a repeat.
    if (h().t.store.updateAndInsert) expect(seq(next)).toBe(seq(first) + 1);
    else expect(seq(next)).toBeGreaterThan(seq(first));
    expect(await h().t.store.collection('documents_ticket').count({})).toBe(2);
  });

  it('counts a new document in a lookup by its number, so a guard sees it', async () => {
    // A follow-up ticket may close only while no other ticket has the number it refers to.
    const base = ticketDefinition();
    const followUp = {
      ...base,
      schema: {
        ...base.schema,
        properties: {
          ...(base.schema.properties as object),
          ref: { type: 'string', title: '关联', 'x-title': { 'zh-CN': '关联', en: 'Ref' } },
        },
      },
      lookups: [
        {
          name: 'referred',
          label: { 'zh-CN': '关联工单', en: 'Referred ticket' },
          type: 'ticket',
          match: { number: { var: 'data.ref' }, state: { in: ['open', 'closed'] } },
          aggregate: 'count' as const,
        },
      ],
      transitions: base.transitions.map((t) => ({ ...t, guard: { logic: { '<': [{ var: 'lookup.referred' }, 1] } } })),
    };
    const published = await h().admin.req('PUT', '/api/definitions/ticket', followUp);
    expect(published.statusCode).toBe(201);
    const close = (doc: { id: string; version: number }) =>
      h().clerk.req('POST', `/api/documents/ticket/${doc.id}/transitions/close`, { version: doc.version });
    const probe = await createDoc(h().clerk, 'ticket', { title: '探路', region: 'north' });
    const seq = Number(String(probe.number).replace('TK-', ''));
    const nextNumber = `TK-${String(seq + 2).padStart(5, '0')}`;
    // Nobody has the next-but-one number yet: the counter for it starts at 0 and the close goes through.
    const early = await createDoc(h().clerk, 'ticket', { title: '先关', region: 'north', ref: nextNumber });
    expect((await close(early)).statusCode).toBe(200);
    const referred = await createDoc(h().clerk, 'ticket', { title: '被关联', region: 'north' });
    expect(referred.number).toBe(nextNumber);
    const late = await createDoc(h().clerk, 'ticket', { title: '后关', region: 'north', ref: nextNumber });
    expect((await close(late)).statusCode).toBe(422);
  });
});
