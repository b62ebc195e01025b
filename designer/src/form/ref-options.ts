// Choices for a reference field (`x-ref`): the referenced type's documents shown
// by code/SKU and name (master data) or number (documents). Cached per type for
// the session; a create of that type drops the cache so the new one is offered.
import { api } from '../api/client';
import type { DocumentPage, DocumentView } from '../api/types';

export interface RefOption {
  value: string;
  label: string;
}

/** Master data lists are small in a shop; a search-as-you-type picker is for a later slice. */
const PAGE_LIMIT = 100;

const lists = new Map<string, Promise<RefOption[]>>();
const singles = new Map<string, Promise<string>>();

export function refLabel(doc: Pick<DocumentView, 'number' | 'data'>): string {
  const { code, sku, name } = doc.data as { code?: unknown; sku?: unknown; name?: unknown };
  const parts = [code ?? sku, name].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(' ') : doc.number;
}

export function loadRefOptions(type: string): Promise<RefOption[]> {
  let found = lists.get(type);
  if (!found) {
    found = api<DocumentPage>('GET', `/api/documents/${encodeURIComponent(type)}?limit=${PAGE_LIMIT}`).then((page) =>
      page.items.map((doc) => ({ value: doc.id, label: refLabel(doc) })),
    );
    lists.set(type, found);
    // A failed load is tried again next time; the caller still gets the error.
    found.catch(() => lists.delete(type));
  }
  return found;
}

/** The label of one referenced document, from the option list when it is there. */
export async function loadRefLabel(type: string, id: string): Promise<string> {
  const options = await loadRefOptions(type);
  const option = options.find((o) => o.value === id);
  if (option) return option.label;
  const key = `${type}/${id}`;
  let found = singles.get(key);
  if (!found) {
    found = api<DocumentView>('GET', `/api/documents/${encodeURIComponent(type)}/${encodeURIComponent(id)}`).then(
      refLabel,
    );
    singles.set(key, found);
    found.catch(() => singles.delete(key));
  }
  return found;
}

export function forgetRefOptions(type?: string): void {
  if (type) lists.delete(type);
  else {
    lists.clear();
    singles.clear();
  }
}
