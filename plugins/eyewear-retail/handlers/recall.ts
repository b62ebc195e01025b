// The recall list (复查回访名单): customers the shop should call because their
// prescription passes its validity, or because the contact lenses they last
// bought run out at their replacement cycle, within the next N days.
//
// Contact lenses: one lens per eye per cycle, so a sale line of `qty` boxes of
// `lensesPerBox` lenses lasts qty × lensesPerBox ÷ 2 cycles (a box without
// `lensesPerBox` counts as one pair) from the sale date. A customer's latest
// supply decides: buying again before it runs out moves the call back.
import { lines, num, str, type Data, type PluginApi } from './types';

/** Days per replacement cycle (daily 日抛 … yearly 年抛). */
export const CYCLE_DAYS: Record<string, number> = { daily: 1, biweekly: 14, monthly: 30, quarterly: 90, yearly: 365 };

export interface RecallRow {
  reason: 'prescription' | 'contact_lens';
  customer: string;
  name: string | null;
  phone: string | null;
  /** Prescription: its last valid day; contact lenses: the day the supply runs out. */
  due: string;
  overdue: boolean;
  /** The prescription's number, or the counter sale's. */
  source: string;
  /** The contact lens product's name. */
  product: string | null;
}

type Store = Parameters<PluginApi['documents']>[0];
type Doc = Awaited<ReturnType<ReturnType<PluginApi['documents']>['find']>>[number];

/** When a sale line's contact lenses run out, or null when the line is not contact lenses. */
function runsOut(api: PluginApi, saleDate: string, line: Data, product: Doc | undefined): string | null {
  const cycle = CYCLE_DAYS[String(product?.data.replacementCycle)];
  if (product?.data.eyewearKind !== 'contact_lens' || !cycle) return null;
  const lenses = (num(line.qty) ?? 0) * (num(product.data.lensesPerBox) ?? 2);
  return api.addDays(saleDate, Math.floor(lenses / 2) * cycle);
}

async function contactLensRows(
  api: PluginApi,
  store: Store,
): Promise<Array<Omit<RecallRow, 'name' | 'phone' | 'overdue'>>> {
  const sales = await api
    .documents(store, 'counter_sale')
    .find({ state: 'completed', 'data.customer': { $exists: true, $ne: '' } });
  const ids = [...new Set(sales.flatMap((s) => lines(s.data).map((l) => String(l.product))))];
  const products = new Map((await api.documents(store, 'product').find({ _id: { $in: ids } })).map((p) => [p._id, p]));
  const latest = new Map<string, Omit<RecallRow, 'name' | 'phone' | 'overdue'>>();
  for (const sale of sales) {
    const customer = str(sale.data.customer);
    const saleDate = str(sale.data.saleDate);
    if (!customer || !saleDate) continue;
    for (const line of lines(sale.data)) {
      const product = products.get(String(line.product));
      const due = runsOut(api, saleDate, line, product);
      const seen = latest.get(customer);
      if (!due || (seen && seen.due >= due)) continue;
      latest.set(customer, {
        reason: 'contact_lens',
        customer,
        due,
        source: sale.number,
        product: str(product?.data.name) ?? null,
      });
    }
  }
  return [...latest.values()];
}

/** Every recall due on or before today + `days`, by due date (so overdue ones first). */
export async function recallList(api: PluginApi, store: Store, now: Date, days: number): Promise<RecallRow[]> {
  const today = api.businessDate(now);
  const until = api.addDays(today, days) ?? today;
  const prescriptions = await api
    .documents(store, 'prescription')
    .find({ state: 'valid', 'data.validUntil': { $lte: until } });
  const rows = [
    ...prescriptions.map((rx) => ({
      reason: 'prescription' as const,
      customer: String(rx.data.customer),
      due: String(rx.data.validUntil),
      source: rx.number,
      product: null,
    })),
    ...(await contactLensRows(api, store)).filter((r) => r.due <= until),
  ];
  const customers = new Map(
    (await api.documents(store, 'customer').find({ _id: { $in: [...new Set(rows.map((r) => r.customer))] } })).map(
      (c) => [c._id, c],
    ),
  );
  return rows
    .map((r) => ({
      ...r,
      name: str(customers.get(r.customer)?.data.name) ?? null,
      phone: str(customers.get(r.customer)?.data.phone) ?? null,
      overdue: r.due < today,
    }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.customer.localeCompare(b.customer));
}
