// The last price each supplier charged for a product: per supplier its latest
// placed purchase order line of the product (by order date, then number), the
// price before that, and how many orders it had. The staff app shows these when a
// purchaser adds a PO line, cheapest-first decisions resting on real orders.
import { documentsCollection } from '../documents/index';
import { masterNames } from '../reports/index';
import type { Store } from '../store/index';
import { PLACED_STATES } from './scorecard';

export interface SupplierPrice {
  supplier: string;
  name: string;
  code: string;
  rating: number | null;
  price: number;
  orderDate: string;
  purchaseOrder: { id: string; number: string };
  previousPrice: number | null;
  orders: number;
}

export async function lastSupplierPrices(store: Store, product: string): Promise<SupplierPrice[]> {
  const orders = await documentsCollection(store, 'purchase_order').find({
    state: { $in: PLACED_STATES },
    'data.lines.product': product,
  });
  type Entry = Omit<SupplierPrice, 'name' | 'code' | 'rating'>;
  const bySupplier = new Map<string, Entry>();
  const ordered = orders
    .map((o) => ({ o, date: String(o.data.orderDate ?? o.createdAt.toISOString().slice(0, 10)) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.o.number.localeCompare(b.o.number));
  for (const { o, date } of ordered) {
    const supplier = String(o.data.supplier);
    const lines = (o.data.lines as Array<{ product?: string; price?: number }>).filter((l) => l.product === product);
    for (const line of lines) {
      const before = bySupplier.get(supplier);
      bySupplier.set(supplier, {
        supplier,
        price: line.price ?? 0,
        orderDate: date,
        purchaseOrder: { id: o._id, number: o.number },
        previousPrice: before ? before.price : null,
        orders: (before?.orders ?? 0) + (before?.purchaseOrder.id === o._id ? 0 : 1),
      });
    }
  }
  const ids = [...bySupplier.keys()];
  const names = await masterNames(store, 'supplier', ids);
  const suppliers = ids.length > 0 ? await documentsCollection(store, 'supplier').find({ _id: { $in: ids } }) : [];
  const ratings = new Map(suppliers.map((s) => [s._id, typeof s.data.rating === 'number' ? s.data.rating : null]));
  return [...bySupplier.values()]
    .map((e) => ({
      ...e,
      name: names.get(e.supplier)?.name ?? e.supplier,
      code: names.get(e.supplier)?.code ?? '',
      rating: ratings.get(e.supplier) ?? null,
    }))
    .sort((a, b) => a.price - b.price || b.orderDate.localeCompare(a.orderDate));
}
