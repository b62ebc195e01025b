// Issue 6's acceptance test over real HTTP: 300 concurrent 1-unit sales orders
// submitted against 50 available. Exactly 50 are approved, the other 250 are
// refused with 422 and stay drafts, and available ends at 0 without ever going
// below it (every move in the ledger). FerretDB on SQLite serialises writes
// (~10 ms an update), hence the generous timeout; the embedded store is quick.
// Under that stampede one request on FerretDB can wait longer than the default
// 30 s lease, after which the resume sweep would rightly undo it as abandoned (a
// 409 for that request, nothing held): the lease is raised so every request is
// decided by stock alone.
import { expect, it } from 'vitest';
import { INTENTS_COLLECTION } from '../../engine/documents/intents';
import { expectLedgerMatchesLevels } from '../inventory/check-ledger';
import { describeApprovals, type Harness } from './harness';
import { draftOrder, ledgerOf, levelOf, productWithStock, submit } from './stock';

// Issue 6's figure on both stores. On FerretDB it fits because a compare-and-set
// on one `_id` is read and written by `_id` there, and the credit guard reads its
// lookup from the counter instead of aggregating the orders (bench/README.md).
const SIZES = { embedded: { orders: 300, available: 50 }, mongodb: { orders: 300, available: 50 } } as const;

async function draftOrders(
  h: Harness,
  product: string,
  ORDERS: number,
): Promise<Array<{ id: string; version: number; type: string; number: string }>> {
  const orders = [];
  // Created before the contended part, a few at a time: numbering is not what is tested here.
  for (let i = 0; i < ORDERS; i += 20) {
    orders.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, ORDERS - i) }, () => draftOrder(h, h.clerk, [{ product, qty: 1 }])),
      )),
    );
  }
  return orders;
}

describeApprovals(
  'contention on one scarce item',
  (h, backend) => {
    const { orders: ORDERS, available: AVAILABLE } = backend.name === 'embedded' ? SIZES.embedded : SIZES.mongodb;
    it(
      `approves exactly ${AVAILABLE} of ${ORDERS} concurrent 1-unit orders against ${AVAILABLE} available and refuses the rest with 422`,
      { timeout: 300_000 },
      async () => {
        const product = await productWithStock(h(), AVAILABLE, '限量镜架');
        const orders = await draftOrders(h(), product, ORDERS);

        const results = await Promise.all(orders.map((doc) => submit(h().clerk, doc)));

        const approved = results.filter((r) => r.status === 200);
        const refused = results.filter((r) => r.status === 422);
        expect(approved).toHaveLength(AVAILABLE);
        expect(refused).toHaveLength(ORDERS - AVAILABLE);
        for (const r of approved) expect(r.body).toMatchObject({ state: 'approved', version: 2 });
        for (const r of refused) {
          expect(r.body).toMatchObject({
            code: 'RULE_FAILED',
            product,
            warehouse: h().warehouse,
            requested: 1,
            available: 0,
          });
        }

        expect(await levelOf(h(), product)).toEqual({ onHand: AVAILABLE, reserved: AVAILABLE, available: 0 });
        const ledger = await ledgerOf(h(), product);
        expect(ledger.filter((m) => m.kind === 'reserve')).toHaveLength(AVAILABLE);
        expect(Math.min(...ledger.map((m) => m.after.available))).toBeGreaterThanOrEqual(0);
        await expectLedgerMatchesLevels(h().t.store, product, h().warehouse);
        expect(await h().t.store.collection(INTENTS_COLLECTION).count({})).toBe(0);

        // Whoever was refused is still a draft at version 1 with only its creation in the history.
        const ids = new Set(orders.map((o) => o.id));
        const stored = (await h()
          .t.store.collection('documents_sales_order')
          .find({ 'data.lines.product': product })) as Array<{ _id: string; state: string; version: number }>;
        expect(
          stored
            .filter((d) => ids.has(d._id))
            .map((d) => `${d.state}@${d.version}`)
            .sort(),
        ).toEqual([...Array(AVAILABLE).fill('approved@2'), ...Array(ORDERS - AVAILABLE).fill('draft@1')].sort());
        expect(
          await h()
            .t.store.collection('events')
            .count({ docId: { $in: [...ids] }, kind: 'transition' }),
        ).toBe(AVAILABLE);
        const outbox = await h()
          .t.store.collection('outbox')
          .find({ docId: { $in: [...ids] } });
        // Each approved order: its reservation, and the sync that shows an accepted backorder on it (fulfilment).
        expect(outbox.map((o) => `${o.effect}:${o.status}`).sort()).toEqual(
          [...Array(AVAILABLE).fill('fulfilment.sync:done'), ...Array(AVAILABLE).fill('inventory.reserve:done')].sort(),
        );
      },
    );
  },
  { env: { INVENTORY_LEASE_MS: '600000' } },
);
