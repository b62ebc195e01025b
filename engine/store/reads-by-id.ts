// One request's reads by `_id`, shared by the steps of that request: a create
// prices its lines from the customer and products (pricing), converts units
// (units) and builds the rule context from the same customer and products
// (documents), and each read them on its own — the customer and the product
// twice per order. A ReadsById is made for one request and dropped with it, so
// it never serves a document across requests (no staleness a request would not
// already see between its own reads); within the request every step sees the
// same snapshot of a document.
import type { Store, StoredDoc } from './types';

export interface ReadsById {
  /** The documents of `collection` with these ids that exist, in the order of `ids` (repeats once). */
  byIds<T extends StoredDoc>(collection: string, ids: string[]): Promise<T[]>;
}

export function readsById(store: Store): ReadsById {
  const seen = new Map<string, Map<string, StoredDoc | null>>();
  return {
    async byIds<T extends StoredDoc>(collection: string, ids: string[]) {
      let known = seen.get(collection);
      if (!known) seen.set(collection, (known = new Map()));
      const wanted = [...new Set(ids)];
      const missing = wanted.filter((id) => !known.has(id));
      if (missing.length > 0) {
        const coll = store.collection<T>(collection);
        // One id is a findById: the cheaper read on both stores.
        const found =
          missing.length === 1 ? [await coll.findById(missing[0])] : await coll.find({ _id: { $in: missing } });
        for (const id of missing) known.set(id, null);
        for (const doc of found) if (doc) known.set(doc._id, doc);
      }
      const docs: T[] = [];
      for (const id of wanted) {
        const doc = known.get(id);
        if (doc) docs.push(doc as T);
      }
      return docs;
    },
  };
}
