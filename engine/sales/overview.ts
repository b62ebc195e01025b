// GET /api/customers/:id/overview — the customer 360 of the staff app, in one
// answer: their sales orders (counts by state, the latest ones), quotations,
// returns, after-sales cases (when an `after_sales` definition exists), balance
// (engine/finance) and most-bought products. Every list is read within the
// caller's scope: a clerk who reads only their own orders sees only those, in
// the counts and the product ranking too. Reading the customer itself is the
// entry check (404 for one the caller may not read).
import Decimal from 'decimal.js';
import type { DefinitionRegistry } from '../definitions/index';
import { documentsCollection, readDocument, readScope, type RuleUser } from '../documents/index';
import { customerBalance, type CustomerBalance } from '../finance/index';
import type { Filter, Store } from '../store/index';
import { unitFactor } from '../units/index';

const RECENT = 5;
const TOP = 5;
/** Orders that count as bought: approved onwards, not cancelled or still in draft. */
const BOUGHT_STATES = ['approved', 'shipped', 'completed', 'closed'];

export interface DocSummary {
  id: string;
  number: string;
  state: string;
  date?: string;
  total?: number;
  createdAt: Date;
}

export interface DocGroup {
  /** False when the caller may not read this type at all (the lists are then empty). */
  readable: boolean;
  count: number;
  byState: Record<string, number>;
  recent: DocSummary[];
}

export interface TopProduct {
  product: string;
  sku?: string;
  name?: string;
  /** In the product's base unit (lines in 箱 converted). */
  qty: number;
  unit?: string;
  amount: number;
  orders: number;
}

export interface CustomerOverview {
  customer: Record<string, unknown> & { id: string; number: string; state: string };
  orders: DocGroup;
  quotations: DocGroup;
  returns: DocGroup;
  afterSales: DocGroup;
  balance: CustomerBalance;
  topProducts: TopProduct[];
}

interface Source {
  type: string;
  customerField: string;
  dateField: string;
}

const SOURCES: Record<'orders' | 'quotations' | 'returns' | 'afterSales', Source> = {
  orders: { type: 'sales_order', customerField: 'customer', dateField: 'orderDate' },
  quotations: { type: 'quotation', customerField: 'customer', dateField: 'quoteDate' },
  returns: { type: 'sales_return', customerField: 'customer', dateField: 'returnDate' },
  afterSales: { type: 'after_sales', customerField: 'customer', dateField: 'reportedAt' },
};

const EMPTY: DocGroup = { readable: false, count: 0, byState: {}, recent: [] };
const NONE = Symbol('none');

/** The caller's filter for a type; NONE when the type is not defined here or the caller may not read it. */
async function scopeOf(
  registry: DefinitionRegistry,
  user: RuleUser,
  type: string,
): Promise<Filter | null | typeof NONE> {
  let latest;
  try {
    latest = await registry.latest(type);
  } catch {
    return NONE; // e.g. no `after_sales` definition on this engine (yet)
  }
  const scope = readScope(latest.def, latest.rowFilters, user);
  return scope.kind === 'none' ? NONE : scope.kind === 'all' ? null : scope.filter;
}

async function group(store: Store, source: Source, customer: string, scope: Filter | null): Promise<DocGroup> {
  const byCustomer = { [`data.${source.customerField}`]: customer };
  const match = scope ? { $and: [byCustomer, scope] } : byCustomer;
  const docs = documentsCollection(store, source.type);
  const [counts, recent] = await Promise.all([
    docs.aggregate<{ _id: string; n: number }>([{ $match: match }, { $group: { _id: '$state', n: { $sum: 1 } } }]),
    docs.find(match, { sort: { createdAt: -1 }, limit: RECENT }),
  ]);
  const byState = Object.fromEntries(counts.map((c) => [c._id, c.n]));
  return {
    readable: true,
    count: counts.reduce((sum, c) => sum + c.n, 0),
    byState,
    recent: recent.map((d) => ({
      id: d._id,
      number: d.number,
      state: d.state,
      ...(typeof d.data[source.dateField] === 'string' ? { date: d.data[source.dateField] as string } : {}),
      ...(typeof d.data.total === 'number' ? { total: d.data.total } : {}),
      createdAt: d.createdAt,
    })),
  };
}

interface LineGroup {
  _id: { product: string; unit?: string | null };
  qty: number;
  amount: number;
  orders: string[];
}

async function topProducts(store: Store, customer: string, scope: Filter | null): Promise<TopProduct[]> {
  const bought = { 'data.customer': customer, state: { $in: BOUGHT_STATES } };
  const rows = await documentsCollection(store, 'sales_order').aggregate<LineGroup>([
    { $match: scope ? { $and: [bought, scope] } : bought },
    { $unwind: '$data.lines' },
    {
      $group: {
        _id: { product: '$data.lines.product', unit: '$data.lines.unit' },
        qty: { $sum: '$data.lines.qty' },
        amount: { $sum: '$data.lines.amount' },
        orders: { $addToSet: '$_id' },
      },
    },
  ]);
  const ids = [...new Set(rows.map((r) => r._id.product))];
  const products = new Map(
    (ids.length ? await documentsCollection(store, 'product').find({ _id: { $in: ids } }) : []).map((p) => [p._id, p]),
  );
  // Lines of one product in different units add up in its base unit, exactly.
  const per = new Map<string, { qty: Decimal; amount: Decimal; orders: Set<string> }>();
  for (const row of rows) {
    const data = products.get(row._id.product)?.data ?? {};
    const factor = unitFactor(data, row._id.unit) ?? new Decimal(1);
    const entry = per.get(row._id.product) ?? { qty: new Decimal(0), amount: new Decimal(0), orders: new Set() };
    entry.qty = entry.qty.plus(new Decimal(row.qty).times(factor));
    entry.amount = entry.amount.plus(row.amount ?? 0);
    for (const o of row.orders) entry.orders.add(o);
    per.set(row._id.product, entry);
  }
  return [...per]
    .map(([product, e]): TopProduct => {
      const data = products.get(product)?.data ?? {};
      return {
        product,
        ...(typeof data.sku === 'string' ? { sku: data.sku } : {}),
        ...(typeof data.name === 'string' ? { name: data.name } : {}),
        ...(typeof data.unit === 'string' ? { unit: data.unit } : {}),
        qty: e.qty.toNumber(),
        amount: e.amount.toDecimalPlaces(2).toNumber(),
        orders: e.orders.size,
      };
    })
    .sort((a, b) => b.amount - a.amount || b.qty - a.qty || a.product.localeCompare(b.product))
    .slice(0, TOP);
}

export async function customerOverview(
  store: Store,
  registry: DefinitionRegistry,
  input: { id: string; user: RuleUser; today: string },
): Promise<CustomerOverview> {
  const { doc } = await readDocument(store, registry, { type: 'customer', id: input.id, user: input.user });
  const groups = {} as Record<keyof typeof SOURCES, DocGroup>;
  const scopes = {} as Record<keyof typeof SOURCES, Filter | null | typeof NONE>;
  for (const [name, source] of Object.entries(SOURCES) as Array<[keyof typeof SOURCES, Source]>) {
    const scope = await scopeOf(registry, input.user, source.type);
    scopes[name] = scope;
    groups[name] = scope === NONE ? EMPTY : await group(store, source, doc._id, scope);
  }
  const orderScope = scopes.orders;
  return {
    customer: { ...doc.data, id: doc._id, number: doc.number, state: doc.state },
    ...groups,
    balance: await customerBalance(store, doc._id, input.today),
    topProducts: orderScope === NONE ? [] : await topProducts(store, doc._id, orderScope),
  };
}
