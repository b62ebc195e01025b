// What a list of one definition version may be filtered, searched and sorted by,
// derived once per version from `listColumns`, `indexes` and `searchFields`. Query
// parameters are matched against these names only; values are typed here, so a
// raw request value never becomes part of a store filter unchecked.
import type { AppError } from '../errors';
import { fieldError, localized } from '../messages/index';
import type { Definition, JsonSchema } from '../definitions/index';
import { messageError } from '../messages/index';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime';

export interface ListField {
  /** Query parameter name: the last path segment (`customer` for `data.customer`). */
  param: string;
  /** Path in the stored document (`data.customer`, `number`, `_id`). */
  path: string;
  kind: FieldKind;
}

export interface ListSpec {
  filters: Map<string, ListField>;
  sorts: Map<string, ListField>;
  searchPaths: string[];
  /** The field `from`/`to` range over. */
  dateField: ListField;
}

/** Parameters the list route itself uses; a definition field of the same name is not filterable. */
export const RESERVED_PARAMS = new Set(['state', 'q', 'sort', 'limit', 'cursor', 'from', 'to']);

const ENVELOPE_KINDS: Record<string, FieldKind> = {
  id: 'string',
  type: 'string',
  number: 'string',
  state: 'string',
  version: 'integer',
  definitionVersion: 'integer',
  createdBy: 'string',
  createdAt: 'datetime',
  updatedBy: 'string',
  updatedAt: 'datetime',
};

function schemaAt(schema: JsonSchema, segments: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) {
    const props = node?.properties as Record<string, JsonSchema> | undefined;
    node = props?.[segment];
  }
  return node;
}

function kindOf(node: JsonSchema | undefined): FieldKind {
  const type = Array.isArray(node?.type) ? (node?.type as string[]).find((t) => t !== 'null') : node?.type;
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  if (node?.format === 'date') return 'date';
  if (node?.format === 'date-time') return 'datetime';
  return 'string';
}

function fieldFor(def: Definition, docPath: string): ListField {
  if (docPath.startsWith('data.')) {
    const segments = docPath.split('.').slice(1);
    return { param: segments[segments.length - 1], path: docPath, kind: kindOf(schemaAt(def.schema, segments)) };
  }
  return { param: docPath, path: docPath === 'id' ? '_id' : docPath, kind: ENVELOPE_KINDS[docPath] ?? 'string' };
}

export function buildListSpec(def: Definition): ListSpec {
  const filters = new Map<string, ListField>();
  const indexed = (def.indexes ?? []).flatMap((index) => Object.keys(index.keys));
  for (const docPath of [...(def.listColumns ?? []), ...indexed]) {
    const field = fieldFor(def, docPath);
    if (!RESERVED_PARAMS.has(field.param) && !filters.has(field.param)) filters.set(field.param, field);
  }
  const sorts = new Map<string, ListField>();
  for (const docPath of ['createdAt', 'updatedAt', 'number', 'state']) sorts.set(docPath, fieldFor(def, docPath));
  for (const field of filters.values()) sorts.set(field.param, field);
  const dateColumn = [...filters.values()].find(
    (f) => f.path.startsWith('data.') && (f.kind === 'date' || f.kind === 'datetime'),
  );
  return {
    filters,
    sorts,
    searchPaths: (def.searchFields ?? []).map((p) => fieldFor(def, p).path),
    dateField: dateColumn ?? fieldFor(def, 'createdAt'),
  };
}

type Reason =
  | 'INVALID_QUERY.not_a_number'
  | 'INVALID_QUERY.not_an_integer'
  | 'INVALID_QUERY.not_a_boolean'
  | 'INVALID_QUERY.not_a_date_or_time'
  | 'INVALID_QUERY.not_a_plain_date';

function invalid(param: string, reason: Reason): AppError {
  return messageError(
    'INVALID_QUERY.parameter',
    { param, reason: localized(reason) },
    { errors: [fieldError(`/querystring/${param}`, reason)] },
  );
}

/** Turns a query string value into the type stored in the field; refuses what does not fit. */
export function typedValue(field: ListField, raw: string): string | number | boolean | Date {
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n))) {
        throw invalid(
          field.param,
          field.kind === 'integer' ? 'INVALID_QUERY.not_an_integer' : 'INVALID_QUERY.not_a_number',
        );
      }
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw invalid(field.param, 'INVALID_QUERY.not_a_boolean');
      return raw === 'true';
    case 'datetime': {
      const d = new Date(raw);
      if (Number.isNaN(d.getTime())) throw invalid(field.param, 'INVALID_QUERY.not_a_date_or_time');
      return d;
    }
    default:
      return raw;
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `from`/`to` bounds (inclusive). A plain date as `to` on a date-time field covers that whole day. */
export function rangeBound(field: ListField, param: 'from' | 'to', raw: string): string | Date {
  if (field.kind === 'date') {
    if (!DATE_ONLY.test(raw)) throw invalid(param, 'INVALID_QUERY.not_a_plain_date');
    return raw;
  }
  if (field.kind === 'datetime') {
    const withTime = DATE_ONLY.test(raw) && param === 'to' ? `${raw}T23:59:59.999Z` : raw;
    const d = new Date(withTime);
    if (Number.isNaN(d.getTime())) throw invalid(param, 'INVALID_QUERY.not_a_date_or_time');
    return d;
  }
  return raw;
}
