// "再来一单": a new draft sales order from a past one or from a customer's order
// template. Lines keep product, quantity and unit; prices and discounts are left
// out so the pricing step re-applies today's price list and promotions (what the
// customer pays now), and the answer sets the old price beside the new one for
// the clerk to see before submitting. The new order is linked to its origin
// (GET /api/documents/:type/:id/links), like documents made by a transition.
import type { DefinitionRegistry } from '../definitions/index';
import {
  createDocument,
  readDocument,
  referenceScope,
  toView,
  type DocumentRecord,
  type DocumentServices,
  type DocumentView,
  type EffectLogger,
  type RuleUser,
} from '../documents/index';
import { AppError } from '../errors';
import { addLink } from '../flows/index';
import type { Store } from '../store/index';

type Line = Record<string, unknown>;

export interface AgainLine {
  product: string;
  qty: number;
  unit?: string;
  /** Today's price and discount (per the line's unit). */
  price?: number;
  discount?: number;
  /** What the origin order charged; absent for an order from a template. */
  previousPrice?: number;
  previousDiscount?: number;
}

export interface AgainResult {
  order: DocumentView;
  from: { type: string; id: string; number: string };
  lines: AgainLine[];
}

export interface AgainDeps {
  store: Store;
  registry: DefinitionRegistry;
  engine: DocumentServices;
  log: EffectLogger;
}

const isLine = (v: unknown): v is Line =>
  typeof v === 'object' && v !== null && typeof (v as Line).product === 'string';
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The business day in China, where the shops are (as pricing counts it). */
const businessDay = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function orderLines(lines: unknown): Line[] {
  return (Array.isArray(lines) ? lines : [])
    .filter(isLine)
    .map((l) => ({ product: l.product, qty: l.qty, ...(text(l.unit) ? { unit: l.unit } : {}) }));
}

async function createFrom(
  deps: AgainDeps,
  user: RuleUser,
  origin: DocumentRecord,
  data: Record<string, unknown>,
  effect: string,
): Promise<DocumentRecord> {
  const compiled = await deps.registry.latest('sales_order');
  const now = deps.engine.clock();
  const order = await createDocument(deps.store, {
    compiled,
    data: { orderDate: businessDay(now), ...data },
    user,
    now,
    engine: deps.engine,
    log: deps.log,
    references: referenceScope(deps.registry, user),
    registry: deps.registry,
  });
  await addLink(deps.store, {
    from: { type: origin.type, id: origin._id, number: origin.number },
    to: { type: order.type, id: order._id, number: order.number },
    via: { effect, event: `${order._id}:1` },
    at: now,
  });
  return order;
}

function compare(order: DocumentRecord, previous: Line[] | null): AgainLine[] {
  const lines = Array.isArray(order.data.lines) ? (order.data.lines as Line[]) : [];
  return lines.map((line, i) => {
    const before = previous?.[i];
    return {
      product: line.product as string,
      qty: line.qty as number,
      ...(text(line.unit) ? { unit: line.unit as string } : {}),
      ...(num(line.price) !== undefined ? { price: line.price as number } : {}),
      ...(num(line.discount) !== undefined ? { discount: line.discount as number } : {}),
      ...(before && num(before.price) !== undefined ? { previousPrice: before.price as number } : {}),
      ...(before && num(before.discount) !== undefined ? { previousDiscount: before.discount as number } : {}),
    };
  });
}

/** POST /api/sales/orders/:id/reorder: any order the caller may read, in any state. */
export async function orderAgain(deps: AgainDeps, input: { id: string; user: RuleUser }): Promise<AgainResult> {
  const { doc: source } = await readDocument(deps.store, deps.registry, {
    type: 'sales_order',
    id: input.id,
    user: input.user,
  });
  const d = source.data;
  const lines = orderLines(d.lines);
  const order = await createFrom(
    deps,
    input.user,
    source,
    {
      customer: d.customer,
      warehouse: d.warehouse,
      ...(text(d.paymentTerms) ? { paymentTerms: d.paymentTerms } : {}),
      lines,
    },
    'sales.reorder',
  );
  const previous = (Array.isArray(d.lines) ? d.lines : []).filter(isLine);
  return {
    order: toView(order),
    from: { type: source.type, id: source._id, number: source.number },
    lines: compare(order, previous),
  };
}

/** POST /api/sales/order-templates/:id/orders: a draft from an active template the caller may read. */
export async function orderFromTemplate(
  deps: AgainDeps,
  input: { id: string; user: RuleUser; deliveryDate?: string },
): Promise<AgainResult> {
  const { doc: template } = await readDocument(deps.store, deps.registry, {
    type: 'order_template',
    id: input.id,
    user: input.user,
  });
  if (template.state !== 'active') {
    throw new AppError('RULE_FAILED', `Order template ${template._id} is ${template.state}.`, {
      key: 'RULE_FAILED.template_inactive',
      params: { name: text(template.data.name) ?? template._id },
    });
  }
  const d = template.data;
  const order = await createFrom(
    deps,
    input.user,
    template,
    {
      customer: d.customer,
      ...(text(d.warehouse) ? { warehouse: d.warehouse } : {}),
      ...(text(d.paymentTerms) ? { paymentTerms: d.paymentTerms } : {}),
      ...(text(d.remark) ? { remark: d.remark } : {}),
      ...(input.deliveryDate ? { deliveryDate: input.deliveryDate } : {}),
      lines: orderLines(d.lines),
    },
    'sales.from_template',
  );
  return {
    order: toView(order),
    from: { type: template.type, id: template._id, number: template.number },
    lines: compare(order, null),
  };
}

/** POST /api/sales/orders/:id/template: keeps an order's customer, warehouse and lines as a named template. */
export async function saveAsTemplate(
  deps: AgainDeps,
  input: { id: string; user: RuleUser; name: string },
): Promise<DocumentView> {
  const { doc: source } = await readDocument(deps.store, deps.registry, {
    type: 'sales_order',
    id: input.id,
    user: input.user,
  });
  const d = source.data;
  const compiled = await deps.registry.latest('order_template');
  const template = await createDocument(deps.store, {
    compiled,
    data: {
      name: input.name,
      customer: d.customer,
      ...(text(d.warehouse) ? { warehouse: d.warehouse } : {}),
      ...(text(d.paymentTerms) ? { paymentTerms: d.paymentTerms } : {}),
      lines: orderLines(d.lines),
    },
    user: input.user,
    now: deps.engine.clock(),
    engine: deps.engine,
    log: deps.log,
    references: referenceScope(deps.registry, input.user),
    registry: deps.registry,
  });
  return toView(template);
}
