// Builds the one context every rule and template sees: {data, doc, user, now,
// related}. `related` holds the referenced documents the definition declares
// (`related.customer.creditLevel`); per-line references (`lines[].product`) become
// an object keyed by id. A related customer also carries `openOrdersTotal`: the
// sum of `data.total` of this type's documents for that customer that are waiting
// for approval or approved (the approval pending states and approval targets),
// which the credit-limit guard adds the new order to.
import type { Definition } from '../definitions/index';
import type { RuleContext } from '../rules/index';
import type { Store } from '../store/index';
import { documentsCollection, type DocumentRecord } from './document-record';
import type { ReferenceScope } from './reference-scope';
import type { RuleUser } from './row-filter';

export type RelatedView = Record<string, unknown> & { id: string; number: string; state: string; createdBy: string };

// `createdBy` lets a document follow its origin's scope (a delivery's `orderOwner`).
function relatedView(doc: DocumentRecord): RelatedView {
  return { ...doc.data, id: doc._id, number: doc.number, state: doc.state, createdBy: doc.createdBy };
}

function valuesAt(data: Record<string, unknown>, field: string): string[] {
  const [arrayPath, linePath] = field.split('[].');
  const read = (root: unknown, path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
        root,
      );
  if (linePath === undefined) {
    const value = read(data, arrayPath);
    return typeof value === 'string' && value !== '' ? [value] : [];
  }
  const lines = read(data, arrayPath);
  if (!Array.isArray(lines)) return [];
  return [
    ...new Set(lines.map((line) => read(line, linePath)).filter((v): v is string => typeof v === 'string' && v !== '')),
  ];
}

/** States in which an order still counts against the customer's credit. */
export function openStates(def: Definition): string[] {
  const states = new Set<string>();
  for (const t of def.transitions) {
    if (!t.approval) continue;
    states.add(t.approval.pendingState);
    states.add(t.to);
  }
  return [...states];
}

async function openOrdersTotal(
  store: Store,
  def: Definition,
  field: string,
  customerId: string,
  excludeId?: string,
): Promise<number> {
  const match: Record<string, unknown> = { [`data.${field}`]: customerId, state: { $in: openStates(def) } };
  if (excludeId) match._id = { $ne: excludeId };
  const rows = await documentsCollection(store, def.key).aggregate<{ total: number }>([
    { $match: match },
    { $group: { _id: null, total: { $sum: '$data.total' } } },
  ]);
  return rows[0]?.total ?? 0;
}

/**
 * What the customer owes on invoices net of receipts (engine/finance keeps these
 * entries in `ar_entries`; read here by name so documents does not depend on
 * finance). A prepayment makes it negative, which leaves room on the credit line.
 */
async function openReceivables(store: Store, customerId: string): Promise<number> {
  const rows = await store
    .collection('ar_entries')
    .aggregate<{ debit: number; credit: number }>([
      { $match: { customer: customerId } },
      { $group: { _id: null, debit: { $sum: '$debitCents' }, credit: { $sum: '$creditCents' } } },
    ]);
  return rows[0] ? (rows[0].debit - rows[0].credit) / 100 : 0;
}

export async function loadRelated(
  store: Store,
  def: Definition,
  data: Record<string, unknown>,
  options: {
    excludeId?: string;
    /** The caller's read scope per referenced type (reference-scope.ts): what it may not read counts as missing. */
    scope?: ReferenceScope;
  } = {},
): Promise<Record<string, unknown>> {
  const related: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.related ?? {})) {
    const ids = valuesAt(data, spec.field);
    const perLine = spec.field.includes('[].');
    if (ids.length === 0) {
      related[name] = perLine ? {} : null;
      continue;
    }
    const scoped = options.scope ? await options.scope(spec.type) : null;
    const byId = { _id: { $in: ids } };
    const docs = await documentsCollection(store, spec.type).find(scoped ? { $and: [byId, scoped] } : byId);
    if (perLine) {
      related[name] = Object.fromEntries(docs.map((d) => [d._id, relatedView(d)]));
      continue;
    }
    const doc = docs[0];
    if (!doc) {
      related[name] = null;
      continue;
    }
    const view = relatedView(doc);
    if (spec.type === 'customer' && openStates(def).length > 0) {
      view.openOrdersTotal = await openOrdersTotal(store, def, spec.field, doc._id, options.excludeId);
      view.openReceivables = await openReceivables(store, doc._id);
    }
    related[name] = view;
  }
  return related;
}

export const ruleUser = (user: RuleUser): RuleUser => ({ id: user.id, username: user.username, roles: user.roles });

/** `doc` is the envelope (envelopeOf a stored document, or the draft envelope of a create). */
export function ruleContext(input: {
  data: Record<string, unknown>;
  doc: object;
  user: RuleUser;
  now: Date;
  related: Record<string, unknown>;
}): RuleContext {
  return {
    data: input.data,
    doc: input.doc,
    user: ruleUser(input.user),
    now: input.now.toISOString(),
    related: input.related,
  };
}
