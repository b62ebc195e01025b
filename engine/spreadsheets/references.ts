// References (`x-ref` fields) travel through spreadsheets by the referenced
// document's natural key, not its id: a customer by its code, a product by its
// sku — the single-field unique index of the referenced definition — and a
// document without one (a sales order) by its number. Lookups stay inside the
// caller's read scope, so an import cannot attach a document the caller may not see.
import type { Definition, DefinitionRegistry } from '../definitions/index';
import { documentsCollection, readScope, type DocumentRecord, type RuleUser } from '../documents/index';
import type { Filter, Store } from '../store/index';

const ID = /^[0-9a-f]{24}$/;

/** `data.sku` for products, `data.code` for customers and warehouses, else `number`. */
export function naturalKeyPath(def: Definition): string {
  const unique = (def.indexes ?? []).find(
    (i) => i.unique && Object.keys(i.keys).length === 1 && Object.keys(i.keys)[0].startsWith('data.'),
  );
  return unique ? Object.keys(unique.keys)[0] : 'number';
}

function valueAt(doc: DocumentRecord, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      doc,
    );
}

export interface ReferenceBook {
  /** Ids by natural key (or id) for the texts given; texts not found are absent. */
  resolve(type: string, texts: string[]): Promise<Map<string, string>>;
  /** Natural keys by id, for export. */
  display(type: string, ids: string[]): Promise<Map<string, string>>;
}

export function referenceBook(store: Store, registry: DefinitionRegistry, user: RuleUser): ReferenceBook {
  async function scoped(type: string): Promise<{ path: string; scope: Filter | null } | null> {
    const compiled = await registry.latest(type);
    const scope = readScope(compiled.def, compiled.rowFilters, user);
    if (scope.kind === 'none') return null;
    return { path: naturalKeyPath(compiled.def), scope: scope.kind === 'filter' ? scope.filter : null };
  }
  const find = (type: string, filter: Filter, scope: Filter | null) =>
    documentsCollection(store, type).find(scope ? { $and: [filter, scope] } : filter);

  return {
    async resolve(type, texts) {
      const out = new Map<string, string>();
      const wanted = [...new Set(texts)];
      const target = wanted.length > 0 ? await scoped(type) : null;
      if (!target) return out;
      for (const doc of await find(type, { [target.path]: { $in: wanted } }, target.scope))
        out.set(String(valueAt(doc, target.path)), doc._id);
      const ids = wanted.filter((t) => ID.test(t) && !out.has(t));
      if (ids.length > 0)
        for (const doc of await find(type, { _id: { $in: ids } }, target.scope)) out.set(doc._id, doc._id);
      return out;
    },
    async display(type, ids) {
      const out = new Map<string, string>();
      const wanted = [...new Set(ids)];
      const target = wanted.length > 0 ? await scoped(type) : null;
      if (!target) return out;
      for (const doc of await find(type, { _id: { $in: wanted } }, target.scope))
        out.set(doc._id, String(valueAt(doc, target.path) ?? doc._id));
      return out;
    },
  };
}
