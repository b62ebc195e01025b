// GET /api/documents/:type — filtered, searched, keyset-paginated lists. Every
// condition, including the caller's read scope, is part of the one store query,
// so a page never comes back short because rows were dropped after loading.
import { fieldError } from '../messages/index';
import type { Filter, Store } from '../store/index';
import { documentsCollection, toView, type DocumentView } from './document-record';
import { afterCursor, decodeCursor, encodeCursor } from './list-cursor';
import { RESERVED_PARAMS, rangeBound, typedValue, type ListSpec } from './list-spec';
import { listParam, messageError } from '../messages/index';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface ListQuery {
  state?: string;
  q?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
  from?: string;
  to?: string;
  [field: string]: string | number | undefined;
}

export interface ListResult {
  items: DocumentView[];
  nextCursor: string | null;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sortOf(spec: ListSpec, raw: string | undefined): { param: string; path: string; dir: 1 | -1 } {
  const text = raw ?? '-createdAt';
  const dir = text.startsWith('-') ? -1 : 1;
  const param = text.replace(/^[-+]/, '');
  const field = spec.sorts.get(param);
  if (!field) {
    throw messageError(
      'INVALID_QUERY.cannot_sort',
      { param, fields: listParam([...spec.sorts.keys()]) },
      { errors: [fieldError('/querystring/sort', 'INVALID_QUERY.not_sortable')] },
    );
  }
  return { param: `${dir === -1 ? '-' : ''}${param}`, path: field.path, dir };
}

function fieldFilters(spec: ListSpec, query: ListQuery): Filter[] {
  const parts: Filter[] = [];
  for (const [param, raw] of Object.entries(query)) {
    if (RESERVED_PARAMS.has(param) || raw === undefined) continue;
    const field = spec.filters.get(param);
    if (!field) {
      throw messageError(
        'INVALID_QUERY.cannot_filter',
        { param, fields: listParam([...spec.filters.keys()]) },
        { errors: [fieldError(`/querystring/${param}`, 'INVALID_QUERY.not_filterable')] },
      );
    }
    parts.push({ [field.path]: typedValue(field, String(raw)) });
  }
  return parts;
}

export async function listDocuments(
  store: Store,
  options: { type: string; spec: ListSpec; query: ListQuery; readFilter: Filter | null },
): Promise<ListResult> {
  const { spec, query } = options;
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const sort = sortOf(spec, query.sort);
  const parts: Filter[] = [];
  if (options.readFilter) parts.push(options.readFilter);
  if (query.state !== undefined) parts.push({ state: query.state });
  if (query.q !== undefined && query.q.trim() !== '') {
    const pattern = escapeRegex(query.q.trim());
    if (spec.searchPaths.length === 0) {
      throw messageError(
        'INVALID_QUERY.no_search_fields',
        { type: options.type },
        { errors: [fieldError('/querystring/q', 'INVALID_QUERY.not_searchable')] },
      );
    }
    parts.push({ $or: spec.searchPaths.map((path) => ({ [path]: { $regex: pattern, $options: 'i' } })) });
  }
  if (query.from !== undefined || query.to !== undefined) {
    const range: Record<string, unknown> = {};
    if (query.from !== undefined) range.$gte = rangeBound(spec.dateField, 'from', query.from);
    if (query.to !== undefined) range.$lte = rangeBound(spec.dateField, 'to', query.to);
    parts.push({ [spec.dateField.path]: range });
  }
  parts.push(...fieldFilters(spec, query));
  if (query.cursor !== undefined) {
    const { value, id } = decodeCursor(query.cursor, sort.param);
    parts.push(afterCursor(sort.path, sort.dir, value, id));
  }
  const filter: Filter = parts.length === 0 ? {} : parts.length === 1 ? parts[0] : { $and: parts };
  const rows = await documentsCollection(store, options.type).find(filter, {
    sort: { [sort.path]: sort.dir, _id: sort.dir },
    limit: limit + 1,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toView),
    nextCursor: more && last ? encodeCursor(sort.param, valueAt(last, sort.path), last._id) : null,
  };
}

function valueAt(doc: object, path: string): unknown {
  let value: unknown = doc;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[segment];
  }
  return value ?? null;
}
