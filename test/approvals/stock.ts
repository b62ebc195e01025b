// Stock helpers for the suites about refused effects: a fresh product with a known
// quantity on hand in the harness's warehouse, and what the API says about it.
import { expect } from 'vitest';
import { INTENTS_COLLECTION } from '../../engine/documents/intents';
import { receiveStock } from '../../engine/inventory/operations';
import { newId } from '../../engine/store/ids';
import type { StoredDoc } from '../../engine/store/types';
import { createDoc, type Client, type Harness } from './harness';

export interface Level {
  onHand: number;
  reserved: number;
  available: number;
}

export interface Move {
  kind: string;
  delta: { onHand: number; reserved: number };
  after: { available: number };
  ref: { type: string; id: string };
}

/** A new product listed at 100 with `qty` on hand in the harness's warehouse. */
export async function productWithStock(h: Harness, qty: number, name = '镜片'): Promise<string> {
  const sku = `P-${newId().slice(-8)}`;
  const product = (await createDoc(h.admin, 'product', { sku, name: `${name} ${sku}`, unit: '副', price: 100 }))
    .id as string;
  if (qty > 0) await addStock(h, product, qty);
  return product;
}

export async function addStock(h: Harness, product: string, qty: number): Promise<void> {
  await receiveStock({
    store: h.t.store,
    key: newId(),
    ref: { type: 'goods_receipt', id: newId() },
    warehouse: h.warehouse,
    lines: [{ product, qty }],
  });
}

/** The batch-less level of `product` in the harness's warehouse, through the API. */
export async function levelOf(h: Harness, product: string): Promise<Level> {
  const res = await h.admin.call('GET', `/api/inventory/levels?product=${product}&warehouse=${h.warehouse}`);
  expect(res.status).toBe(200);
  const [level] = res.body as Level[];
  return { onHand: level?.onHand ?? 0, reserved: level?.reserved ?? 0, available: level?.available ?? 0 };
}

export async function ledgerOf(h: Harness, product: string): Promise<Move[]> {
  const res = await h.admin.call('GET', `/api/inventory/ledger?product=${product}&warehouse=${h.warehouse}`);
  expect(res.status).toBe(200);
  return res.body as Move[];
}

/** What the ledger says document `id` still holds reserved of `product`. */
export async function reservedBy(h: Harness, product: string, id: string): Promise<number> {
  return (await ledgerOf(h, product)).filter((m) => m.ref.id === id).reduce((sum, m) => sum + m.delta.reserved, 0);
}

/** Creates a sales order of the given lines (price 100 each) for the A customer, as `c`. */
export async function draftOrder(
  h: Harness,
  c: Client,
  lines: Array<{ product: string; qty: number }>,
): Promise<{ id: string; type: string; version: number; number: string }> {
  return createDoc(c, 'sales_order', {
    customer: h.customerA,
    warehouse: h.warehouse,
    orderDate: '2026-11-20',
    lines: lines.map((l) => ({ ...l, price: 100 })),
  });
}

export const submit = (c: Client, doc: { id: string; version: number }) =>
  c.call('POST', `/api/documents/sales_order/${doc.id}/transitions/submit`, { version: doc.version });

export interface OutboxEntry extends StoredDoc {
  _id: string;
  status: string;
  kind?: string;
  effect?: string;
}

/** Outbox records of a document: its effect entries, then any change of it still in flight (intent). */
export async function outboxOf(h: Harness, docId: string): Promise<OutboxEntry[]> {
  const entries = await h.t.store.collection<OutboxEntry>('outbox').find({ docId });
  const intents = await h.t.store.collection<OutboxEntry>(INTENTS_COLLECTION).find({ docId });
  return [...entries, ...intents];
}
