// Which spreadsheet columns a definition has. Import: every field a user may
// type (not computed, not read-only), the fields of its `lines` as line columns,
// and an optional reference column that groups rows into one document. A header
// names a field by its key, its zh-CN or its en title (`x-title`); a line field
// also as `lines.qty` or `订单明细.数量`, and bare when no top-level field claims
// the name. Export: the definition's list columns, titled in one language.
import type { CompiledDefinition, Definition, JsonSchema, Locale, LocalizedText } from '../definitions/index';

export interface FieldColumn {
  /** `sku`, or `lines.qty` for a line field. */
  field: string;
  /** The property name: `sku`, `qty`. */
  key: string;
  line: boolean;
  schema: JsonSchema;
}

export interface ImportModel {
  fields: FieldColumn[];
  /** `lines` when the definition has line items, else null. */
  linesField: string | null;
}

/** Header texts of the column that groups rows into one document (case-insensitive). */
export const REFERENCE_HEADERS = ['ref', 'reference', '参考号', '单据参考', '订单参考', 'order ref'];

const LINES = 'lines';

const props = (schema: JsonSchema | undefined): Record<string, JsonSchema> =>
  (schema?.properties ?? {}) as Record<string, JsonSchema>;

export function titlesOf(schema: JsonSchema | undefined, key: string): LocalizedText {
  const t = schema?.['x-title'] as LocalizedText | undefined;
  if (t) return t;
  const plain = typeof schema?.title === 'string' ? schema.title : key;
  return { 'zh-CN': plain, en: plain };
}

function isLines(schema: JsonSchema | undefined): boolean {
  const items = schema?.items as JsonSchema | undefined;
  return schema?.type === 'array' && items?.type === 'object';
}

const typable = (schema: JsonSchema): boolean =>
  schema.readOnly !== true && schema.type !== 'array' && schema.type !== 'object';

export function importModel(compiled: CompiledDefinition): ImportModel {
  const computed = new Set(compiled.computed.fields.map((f) => f.replace('[].', '.')));
  const root = props(compiled.def.schema);
  const fields: FieldColumn[] = [];
  for (const [key, schema] of Object.entries(root)) {
    if (typable(schema) && !computed.has(key)) fields.push({ field: key, key, line: false, schema });
  }
  const linesField = isLines(root[LINES]) ? LINES : null;
  if (linesField) {
    for (const [key, schema] of Object.entries(props(root[LINES].items as JsonSchema))) {
      const field = `${LINES}.${key}`;
      if (typable(schema) && !computed.has(field)) fields.push({ field, key, line: true, schema });
    }
  }
  return { fields, linesField };
}

export const normalizeHeader = (text: string): string =>
  text
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .toLowerCase();

/** Header text → field column, for every name a field may be given. */
export function headerIndex(model: ImportModel, def: Definition): Map<string, FieldColumn> {
  const index = new Map<string, FieldColumn>();
  const linesTitles = titlesOf(props(def.schema)[LINES], LINES);
  const add = (name: string, column: FieldColumn) => {
    const key = normalizeHeader(name);
    if (key !== '' && !index.has(key)) index.set(key, column);
  };
  const top = model.fields.filter((f) => !f.line);
  const lines = model.fields.filter((f) => f.line);
  for (const column of top) {
    const t = titlesOf(column.schema, column.key);
    for (const name of [column.key, t['zh-CN'], t.en]) add(name, column);
  }
  for (const column of lines) {
    const t = titlesOf(column.schema, column.key);
    for (const name of [column.field, `${linesTitles['zh-CN']}.${t['zh-CN']}`, `${linesTitles.en}.${t.en}`])
      add(name, column);
  }
  // Bare line names last, so a top-level field of the same name wins.
  for (const column of lines) {
    const t = titlesOf(column.schema, column.key);
    for (const name of [column.key, t['zh-CN'], t.en]) add(name, column);
  }
  return index;
}

export interface ExportColumn {
  /** Document path: `number`, `state`, `data.customer`. */
  path: string;
  title: string;
  /** The data schema of a `data.*` column. */
  schema?: JsonSchema;
}

const ENVELOPE_TITLES: Record<string, LocalizedText> = {
  id: { 'zh-CN': 'ID', en: 'ID' },
  number: { 'zh-CN': '单号', en: 'Number' },
  state: { 'zh-CN': '状态', en: 'State' },
  version: { 'zh-CN': '版本', en: 'Version' },
  definitionVersion: { 'zh-CN': '定义版本', en: 'Definition version' },
  createdBy: { 'zh-CN': '创建人', en: 'Created by' },
  createdAt: { 'zh-CN': '创建时间', en: 'Created at' },
  updatedBy: { 'zh-CN': '修改人', en: 'Updated by' },
  updatedAt: { 'zh-CN': '修改时间', en: 'Updated at' },
};

function schemaAt(def: Definition, segments: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = def.schema;
  for (const s of segments) node = props(node)[s];
  return node;
}

export function exportColumns(def: Definition, locale: Locale): ExportColumn[] {
  const paths = def.listColumns?.length
    ? def.listColumns
    : ['number', ...Object.keys(props(def.schema)).map((k) => `data.${k}`), 'state'];
  return paths.flatMap((path): ExportColumn[] => {
    if (!path.startsWith('data.'))
      return [{ path, title: (ENVELOPE_TITLES[path] ?? { 'zh-CN': path, en: path })[locale] }];
    const segments = path.split('.').slice(1);
    const schema = schemaAt(def, segments);
    // Line arrays do not fit one cell; lists show header fields only.
    if (!schema || schema.type === 'array' || schema.type === 'object') return [];
    return [{ path, title: titlesOf(schema, segments[segments.length - 1])[locale], schema }];
  });
}
