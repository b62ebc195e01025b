// Saved (custom) reports: an admin defines document type, filters, group-by and
// measures (sum/count/avg); it lists beside the built-ins and runs the same way,
// for the roles it names. Field names are checked against a strict pattern and
// filter values are scalars, so nothing a user typed becomes an operator.
import type { LocalizedText } from '../definitions/index';
import { documentsCollection } from '../documents/index';
import { fieldError } from '../messages/index';
import { newId, type Filter, type Store, type StoredDoc } from '../store/index';
import { money, objectSchema, paramSchemas, periodFilter } from './params';
import { messageError } from '../messages/index';
import type { ReportColumn, ReportKind } from './types';

export const SAVED_REPORTS = 'saved_reports';

export const FIELD_PATTERN = '^[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z][a-zA-Z0-9_]*){0,3}$';

export interface SavedFilter {
  field: string;
  op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
  value: string | number | boolean | Array<string | number>;
}

export interface SavedMeasure {
  op: 'sum' | 'count' | 'avg';
  field?: string;
  title: LocalizedText;
}

export interface SavedReportInput {
  key: string;
  title: LocalizedText;
  documentType: string;
  states?: string[];
  /** A date field of the data (e.g. `orderDate`) the `from`/`to` parameters range over. */
  dateField?: string;
  filters: SavedFilter[];
  groupBy: string[];
  measures: SavedMeasure[];
  roles: string[];
}

export interface SavedReportDoc extends StoredDoc, SavedReportInput {
  createdBy: string;
  createdAt: Date;
}

const localized = {
  type: 'object',
  required: ['zh-CN', 'en'],
  additionalProperties: false,
  properties: {
    'zh-CN': { type: 'string', minLength: 1, maxLength: 100 },
    en: { type: 'string', minLength: 1, maxLength: 100 },
  },
};
const field = { type: 'string', pattern: FIELD_PATTERN };
const scalar = { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'number' }, { type: 'boolean' }] };

export const savedReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'title', 'documentType', 'groupBy', 'measures', 'roles'],
  properties: {
    key: { type: 'string', pattern: '^custom_[a-z0-9_]{1,60}$' },
    title: localized,
    documentType: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
    states: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
    dateField: field,
    filters: {
      type: 'array',
      maxItems: 20,
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'op', 'value'],
        properties: {
          field,
          op: { enum: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'] },
          value: {
            anyOf: [
              scalar,
              {
                type: 'array',
                maxItems: 100,
                items: { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'number' }] },
              },
            ],
          },
        },
      },
    },
    groupBy: { type: 'array', minItems: 1, maxItems: 3, items: field },
    measures: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['op', 'title'],
        properties: { op: { enum: ['sum', 'count', 'avg'] }, field, title: localized },
      },
    },
    roles: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
  },
} as const;

const saved = (store: Store) => store.collection<SavedReportDoc>(SAVED_REPORTS);
const dataPath = (f: string): string => `data.${f}`;
const alias = (f: string): string => f.replace(/\./g, '_');

function filterOf(filters: SavedFilter[]): Filter {
  const out: Filter = {};
  for (const f of filters) {
    const path = dataPath(f.field);
    const prior = (out[path] as Record<string, unknown> | undefined) ?? {};
    out[path] = f.op === 'eq' ? f.value : { ...prior, [`$${f.op}`]: f.value };
  }
  return out;
}

/** Turns a saved definition into a report kind. Fields under `lines.` are per order line. */
export function savedToKind(def: SavedReportDoc): ReportKind {
  const perLine = [...def.groupBy, ...def.measures.map((m) => m.field ?? ''), ...def.filters.map((f) => f.field)].some(
    (f) => f.startsWith('lines.'),
  );
  const columns: ReportColumn[] = [
    ...def.groupBy.map((g) => ({ key: alias(g), title: { 'zh-CN': g, en: g }, type: 'text' as const })),
    ...def.measures.map((m, i) => ({
      key: `m${i}`,
      title: m.title,
      type: m.op === 'count' ? ('number' as const) : ('money' as const),
    })),
  ];
  return {
    key: def.key,
    title: def.title,
    roles: def.roles,
    saved: { id: def._id, documentType: def.documentType, groupBy: def.groupBy },
    params: objectSchema(def.dateField ? { from: paramSchemas.from, to: paramSchemas.to } : {}),
    async run(ctx, params) {
      const match: Filter = {
        ...(def.states && def.states.length > 0 ? { state: { $in: def.states } } : {}),
        ...(def.dateField ? periodFilter(dataPath(def.dateField), params) : {}),
      };
      const lineFilters = def.filters.filter((f) => f.field.startsWith('lines.'));
      const group: Record<string, unknown> = {
        _id: Object.fromEntries(def.groupBy.map((g) => [alias(g), `$${dataPath(g)}`])),
      };
      def.measures.forEach((m, i) => {
        group[`m${i}`] = m.op === 'count' ? { $sum: 1 } : { [`$${m.op}`]: `$${dataPath(m.field ?? '')}` };
      });
      const rows = await documentsCollection(ctx.store, def.documentType).aggregate<
        { _id: Record<string, unknown> } & Record<string, number>
      >([
        { $match: { ...match, ...filterOf(def.filters.filter((f) => !f.field.startsWith('lines.'))) } },
        ...(perLine ? [{ $unwind: '$data.lines' }] : []),
        ...(lineFilters.length > 0 ? [{ $match: filterOf(lineFilters) }] : []),
        { $group: group },
        { $sort: { m0: -1 } },
        { $limit: 5000 },
      ]);
      return {
        columns,
        chart: { type: 'bar', x: alias(def.groupBy[0]), y: def.measures.map((_m, i) => `m${i}`) },
        rows: rows.map((r) => {
          const keys = Object.fromEntries(
            def.groupBy.map((g) => [alias(g), r._id[alias(g)] === undefined ? null : String(r._id[alias(g)])]),
          );
          const measures = Object.fromEntries(
            def.measures.map((m, i) => [`m${i}`, m.op === 'count' ? r[`m${i}`] : money(r[`m${i}`])]),
          );
          const query = Object.fromEntries(
            def.groupBy
              .filter((g) => !g.startsWith('lines.'))
              .map((g) => [g.split('.').at(-1) ?? g, String(r._id[alias(g)] ?? '')]),
          );
          return {
            values: { ...keys, ...measures },
            drill: { type: def.documentType, query, ...(def.states ? { states: def.states } : {}) },
          };
        }),
      };
    },
  };
}

export async function listSavedReports(store: Store): Promise<ReportKind[]> {
  return (await saved(store).find({}, { sort: { key: 1 }, limit: 500 })).map(savedToKind);
}

export async function saveReport(
  store: Store,
  input: SavedReportInput,
  by: string,
  now: Date,
  builtinKeys: string[],
): Promise<SavedReportDoc> {
  if (builtinKeys.includes(input.key))
    throw messageError(
      'DUPLICATE_KEY.builtin_report',
      { key: input.key },
      {
        errors: [fieldError('/key', 'DUPLICATE_KEY.key_taken')],
      },
    );
  for (const m of input.measures) {
    if (m.op !== 'count' && !m.field)
      throw messageError(
        'VALIDATION_FAILED.measure_without_field',
        { op: m.op },
        {
          errors: [fieldError('/measures', 'VALIDATION_FAILED.measure_needs_field', { op: m.op })],
        },
      );
  }
  const doc = { _id: newId(), ...input, filters: input.filters ?? [], createdBy: by, createdAt: now };
  await saved(store).createIndex({ name: 'key', keys: { key: 1 }, unique: true });
  return saved(store).insertOne(doc);
}

export async function deleteSavedReport(store: Store, key: string): Promise<boolean> {
  return saved(store).deleteOne({ key });
}
