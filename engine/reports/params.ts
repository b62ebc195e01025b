// The parameters reports share (period, warehouse, customer, supplier, product
// category), their JSON Schema pieces, and the store filters they turn into.
// Values reach filters only after the schema check (strings of a fixed shape).
import { Dec, toDec } from '../money/index';
import { documentsCollection } from '../documents/index';
import type { Filter, Store } from '../store/index';

const idString = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } as const;
const date = { type: 'string', format: 'date' } as const;

/**
 * A parameter's label as definitions carry theirs: `title` in zh-CN (a plain form
 * stays readable), `x-title` in both languages (the staff app shows the user's).
 */
export const label = (zh: string, en: string) => ({ title: zh, 'x-title': { 'zh-CN': zh, en } });

/** A closed list of values, each labelled in both languages (a select in the app). */
export const choices = (options: Array<[value: string, zh: string, en: string]>) => ({
  type: 'string',
  oneOf: options.map(([value, zh, en]) => ({ const: value, ...label(zh, en) })),
});

export const paramSchemas = {
  from: { ...date, ...label('开始日期', 'From') },
  to: { ...date, ...label('结束日期', 'To') },
  warehouse: { ...idString, ...label('仓库', 'Warehouse'), 'x-ref': 'warehouse' },
  customer: { ...idString, ...label('客户', 'Customer'), 'x-ref': 'customer' },
  supplier: { ...idString, ...label('供应商', 'Supplier'), 'x-ref': 'supplier' },
  category: { type: 'string', minLength: 1, maxLength: 100, ...label('商品类别', 'Product category') },
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10, ...label('名次', 'Top N') },
} as const;

export const objectSchema = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length > 0 ? { required } : {}),
});

export interface CommonParams {
  from?: string;
  to?: string;
  warehouse?: string;
  customer?: string;
  supplier?: string;
  category?: string;
  limit?: number;
}

/** Sales that count: approved and later, never drafts, pending or cancelled ones. */
export const SOLD_STATES = ['approved', 'shipped', 'completed'];
export const PURCHASED_STATES = ['approved', 'completed'];

/** A date-string range filter on `path` (dates are stored as YYYY-MM-DD strings). */
export function periodFilter(path: string, params: CommonParams): Filter {
  const range: Record<string, string> = {};
  if (params.from) range.$gte = params.from;
  if (params.to) range.$lte = params.to;
  return Object.keys(range).length > 0 ? { [path]: range } : {};
}

export function equalsFilter(entries: Array<[string, string | undefined]>): Filter {
  const filter: Filter = {};
  for (const [path, value] of entries) if (value !== undefined) filter[path] = value;
  return filter;
}

/** Product ids of a category (master data is small; the line match uses $in). */
export async function productsInCategory(store: Store, category: string | undefined): Promise<string[] | null> {
  if (category === undefined) return null;
  const products = await documentsCollection(store, 'product').find(
    { 'data.category': category },
    { projection: { _id: 1 } },
  );
  return products.map((p) => p._id);
}

export interface MasterInfo {
  name: string;
  code: string;
  category?: string;
}

/** Names (and codes) of referenced master documents, for labelling rows. */
export async function masterNames(store: Store, type: string, ids: string[]): Promise<Map<string, MasterInfo>> {
  const found = new Map<string, MasterInfo>();
  if (ids.length === 0) return found;
  const docs = await documentsCollection(store, type).find({ _id: { $in: ids } });
  for (const doc of docs) {
    const data = doc.data as { name?: string; code?: string; sku?: string; category?: string };
    found.set(doc._id, { name: data.name ?? doc._id, code: data.code ?? data.sku ?? '', category: data.category });
  }
  return found;
}

/** Sums from the store are binary floats; figures are shown to the cent. */
export const money = (value: unknown): number =>
  typeof value === 'number' ? toDec(value).toDecimalPlaces(2).toNumber() : 0;
export const qty = (value: unknown): number =>
  typeof value === 'number' ? toDec(value).toDecimalPlaces(4).toNumber() : 0;
export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : new Dec(part).div(whole).toDecimalPlaces(4).toNumber();

/** The list query (GET /api/documents/:type) that shows the documents behind a figure. */
export function drillQuery(
  params: CommonParams,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    from: params.from,
    to: params.to,
    warehouse: params.warehouse,
    ...extra,
  })) {
    if (value !== undefined) query[key] = value;
  }
  return query;
}
