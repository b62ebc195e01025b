// Builds the one context every rule and template sees: {data, doc, user, now,
// related, lookup}. `related` holds the referenced documents the definition
// declares (`related.customer.creditLevel`); per-line references
// (`lines[].product`) become an object keyed by id. A related document also
// carries the figures other capabilities register for its type (finance: a
// customer's `openReceivables`). `lookup` holds the declared lookups' figures
// (lookups.ts): sales_order's credit guard reads `lookup.openOrdersTotal`.
import type { CompiledDefinition, Definition, LookupDef } from '../definitions/index';
import type { RuleContext } from '../rules/index';
import { readsById, type ReadsById, type Store } from '../store/index';
import { documentsCollection, type DocumentRecord } from './document-record';
import { counterFigures, type CountedLookups } from './counter-figures';
import { compileLookups, evaluateLookups } from './lookups';
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

/**
 * A figure another capability adds to a related document of one type
 * (`related.customer.openReceivables`, from finance), registered through the
 * engine's compile hooks so documents names no other capability's collections.
 */
export interface RelatedFigure {
  type: string;
  name: string;
  load(store: Store, relatedId: string): Promise<unknown>;
}

/**
 * Definitions published before `openOrdersTotal` became a declared lookup read it as
 * `related.customer.openOrdersTotal`; documents created under them keep their
 * version, so that figure is still served to them, by the same lookup mechanism.
 */
export function legacyOpenOrdersLookup(def: Definition): LookupDef | undefined {
  const field = def.related?.customer?.field;
  const reads = JSON.stringify(def.transitions).includes('related.customer.openOrdersTotal');
  if (!field || field.includes('[]') || !reads || openStates(def).length === 0) return undefined;
  return {
    name: 'openOrdersTotal',
    type: def.key,
    match: { [`data.${field}`]: { var: `data.${field}` }, state: { in: openStates(def) } },
    aggregate: 'sum',
    field: 'data.total',
  };
}

export interface RuleInputs {
  related: Record<string, unknown>;
  /** Declared lookups' figures: `lookup.<name>`. */
  lookup: Record<string, unknown>;
}

/** Referenced documents and declared lookups, the parts of a rule context read from the store. */
export async function loadRuleInputs(
  store: Store,
  compiled: Pick<CompiledDefinition, 'def' | 'lookups' | 'relatedFigures'>,
  data: Record<string, unknown>,
  options: RelatedOptions = {},
): Promise<RuleInputs> {
  const related = await loadRelated(store, compiled, data, options);
  const counted = options.counted ? await counterFigures(store, compiled.lookups, data, options.counted) : {};
  const rest = compiled.lookups.filter((l) => !Object.hasOwn(counted, l.def.name));
  const lookup = { ...(await evaluateLookups(store, rest, data, options.excludeId)), ...counted };
  return { related, lookup };
}

interface RelatedOptions {
  /** The document itself: it never counts in its own figures. */
  excludeId?: string;
  /** The caller's read scope per referenced type (reference-scope.ts): what it may not read counts as missing. */
  scope?: ReferenceScope;
  /** Lookups kept as counters are read from them (counter-figures.ts); `self` is the document `excludeId` names. */
  counted?: CountedLookups;
  /** The request's reads by id, shared with its pricing and unit check (store/reads-by-id.ts). */
  reads?: ReadsById;
}

async function loadRelated(
  store: Store,
  compiled: Pick<CompiledDefinition, 'def' | 'lookups' | 'relatedFigures' | 'legacyLookup'>,
  data: Record<string, unknown>,
  options: RelatedOptions,
): Promise<Record<string, unknown>> {
  // Worked out once per version, at compile: reading every transition was a per-request cost of each create.
  const { def, legacyLookup: legacy } = compiled;
  const related: Record<string, unknown> = {};
  const reads = options.reads ?? readsById(store);
  for (const [name, spec] of Object.entries(def.related ?? {})) {
    const ids = valuesAt(data, spec.field);
    const perLine = spec.field.includes('[].');
    if (ids.length === 0) {
      related[name] = perLine ? {} : null;
      continue;
    }
    const scoped = options.scope ? await options.scope(spec.type) : null;
    // Unscoped, the documents are the ones pricing and the unit check read: read once per request.
    const docs = scoped
      ? await documentsCollection(store, spec.type).find({ $and: [{ _id: { $in: ids } }, scoped] })
      : await reads.byIds<DocumentRecord>(documentsCollection(store, spec.type).name, ids);
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
    for (const figure of compiled.relatedFigures) {
      if (figure.type === spec.type) view[figure.name] = await figure.load(store, doc._id);
    }
    if (legacy && name === 'customer') {
      const figures = await evaluateLookups(
        store,
        compileLookups({ ...def, lookups: [legacy] }),
        data,
        options.excludeId,
      );
      view.openOrdersTotal = figures.openOrdersTotal;
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
  lookup?: Record<string, unknown>;
}): RuleContext {
  return {
    data: input.data,
    doc: input.doc,
    user: ruleUser(input.user),
    now: input.now.toISOString(),
    related: input.related,
    lookup: input.lookup ?? {},
  };
}
