// A list's query (filters, sort, page) as URL parameters: the same ones drive
// the list API, the Excel export and a shared link.
import type { Definition } from '../../api/types';

export interface ListQuery {
  q: string;
  state: string;
  from: string;
  to: string;
  sort: string;
  /** Reference filters by parameter name (`customer`). */
  refs: Record<string, string>;
}

export const emptyQuery = (): ListQuery => ({ q: '', state: '', from: '', to: '', sort: '', refs: {} });

export const PAGE_SIZE = 20;

export function queryParams(query: ListQuery, cursor?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'state', 'from', 'to', 'sort'] as const) if (query[key]) params.set(key, query[key]);
  for (const [name, value] of Object.entries(query.refs)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** The query a link carries (a report's drill-down: `?from=…&to=…&customer=…&state=…`). */
export function queryFromParams(params: URLSearchParams): ListQuery {
  const query = emptyQuery();
  for (const [name, value] of params) {
    if (name === 'q' || name === 'state' || name === 'from' || name === 'to' || name === 'sort') query[name] = value;
    else if (/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(name)) query.refs[name] = value;
  }
  return query;
}

type Node = { [keyword: string]: unknown };

export function dataNode(definition: Definition, name: string): Node | undefined {
  const props = definition.schema.properties as Record<string, Node> | undefined;
  return props?.[name];
}

/** The referenced type of a `data.x` column, from the schema (`x-ref`) or the uiSchema (`docRef`). */
export function refTypeOf(definition: Definition, column: string): string | undefined {
  if (!column.startsWith('data.')) return undefined;
  const name = column.slice(5);
  const node = dataNode(definition, name);
  if (typeof node?.['x-ref'] === 'string') return node['x-ref'];
  const ui = (definition.uiSchema as Record<string, Node> | undefined)?.[name];
  const options = ui?.['ui:options'] as Node | undefined;
  return ui?.['ui:widget'] === 'docRef' && typeof options?.type === 'string' ? options.type : undefined;
}

export const DEFAULT_COLUMNS = ['number', 'state', 'createdAt'];

export const columnsOf = (definition: Definition): string[] =>
  definition.listColumns?.length ? definition.listColumns : DEFAULT_COLUMNS;

/** Query parameter of a column: its last path segment (`data.customer` → `customer`). */
export const paramOf = (column: string): string => column.split('.').pop() ?? column;
