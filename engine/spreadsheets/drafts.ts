// Sheet rows → document drafts. Master data: one row, one document. Documents
// with lines: rows sharing a reference (`ref` / 参考号) form one document, header
// fields from its first row and one line per row; without a reference column each
// row is a document with one line. References are resolved to ids here; what does
// not resolve is a row error naming the row and the field.
import type { CompiledDefinition } from '../definitions/index';
import type { FieldError } from '../errors';
import { fieldError, type MessageKey, type MessageParams } from '../messages/index';
import { fromCell } from './cells';
import { headerIndex, importModel, normalizeHeader, REFERENCE_HEADERS, type FieldColumn } from './columns';
import type { Sheet, SheetRow } from './read-sheet';
import type { ReferenceBook } from './references';

export interface ImportError extends FieldError {
  row: number;
  /** `sku`, `lines.qty`, or '' for the whole row. */
  field: string;
  /** The header of that column in the uploaded sheet, when it has one. */
  column?: string;
}

export interface Draft {
  firstRow: number;
  /** The sheet row of each line, by line index. */
  lineRows: number[];
  data: Record<string, unknown>;
  errors: ImportError[];
}

export interface Drafts {
  drafts: Draft[];
  /** Problems with the header row (row 1). */
  errors: ImportError[];
  ignoredColumns: string[];
  /** Sheet header by field, for error reports. */
  columnOf: Map<string, string>;
}

/** `why` is the field error found there: its message and, when it has one, its catalogue entry. */
const rowError = (
  row: number,
  field: string,
  why: Omit<FieldError, 'path'>,
  columnOf: Map<string, string>,
): ImportError => ({
  ...why,
  row,
  field,
  path: `/rows/${row}${field ? `/${field.replace('.', '/')}` : ''}`,
  ...(columnOf.has(field) ? { column: columnOf.get(field) } : {}),
});

const said = (key: MessageKey, params?: MessageParams): Omit<FieldError, 'path'> => fieldError('', key, params);

interface Layout {
  columns: Map<number, FieldColumn>;
  refCol: number | null;
}

function layout(sheet: Sheet, compiled: CompiledDefinition, out: Drafts): Layout {
  const index = headerIndex(importModel(compiled), compiled.def);
  const columns = new Map<number, FieldColumn>();
  let refCol: number | null = null;
  for (const { col, text } of sheet.headers) {
    const name = normalizeHeader(text);
    if (REFERENCE_HEADERS.includes(name)) refCol = col;
    else if (index.has(name)) {
      const column = index.get(name) as FieldColumn;
      if (out.columnOf.has(column.field))
        out.errors.push(
          rowError(
            1,
            column.field,
            said('VALIDATION_FAILED.column_repeats_field', {
              column: text,
              other: out.columnOf.get(column.field) ?? '',
              field: column.field,
            }),
            out.columnOf,
          ),
        );
      else out.columnOf.set(column.field, text);
      columns.set(col, column);
    } else out.ignoredColumns.push(text);
  }
  if (columns.size === 0) out.errors.push(rowError(1, '', said('VALIDATION_FAILED.no_known_header'), out.columnOf));
  return { columns, refCol };
}

function groupRows(rows: SheetRow[], refCol: number | null, hasLines: boolean): SheetRow[][] {
  if (!hasLines || refCol === null) return rows.map((r) => [r]);
  const groups = new Map<string, SheetRow[]>();
  for (const r of rows) {
    const ref = r.cells.get(refCol);
    const key = ref === undefined || ref === null ? `#row${r.row}` : `=${String(ref)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}

function buildDraft(group: SheetRow[], at: Layout, linesField: string | null, columnOf: Map<string, string>): Draft {
  const draft: Draft = { firstRow: group[0].row, lineRows: [], data: {}, errors: [] };
  const lines: Array<Record<string, unknown>> = [];
  for (const r of group) {
    const line: Record<string, unknown> = {};
    for (const [col, column] of at.columns) {
      const value = fromCell(r.cells.get(col) ?? null, column.schema);
      if (value === undefined) continue;
      if (column.line) line[column.key] = value;
      else if (!(column.key in draft.data)) draft.data[column.key] = value;
      else if (draft.data[column.key] !== value) {
        draft.errors.push(
          rowError(r.row, column.field, said('VALIDATION_FAILED.row_differs', { row: group[0].row }), columnOf),
        );
      }
    }
    if (Object.keys(line).length > 0) {
      lines.push(line);
      draft.lineRows.push(r.row);
    }
  }
  if (linesField) draft.data[linesField] = lines;
  return draft;
}

interface Pending {
  draft: Draft;
  row: number;
  column: FieldColumn;
  target: Record<string, unknown>;
  text: string;
}

async function resolveReferences(
  drafts: Draft[],
  at: Layout,
  book: ReferenceBook,
  columnOf: Map<string, string>,
): Promise<void> {
  const pending: Pending[] = [];
  const refColumns = [...at.columns.values()].filter((c) => typeof c.schema['x-ref'] === 'string');
  for (const draft of drafts) {
    for (const column of refColumns.filter((c) => !c.line)) {
      const text = draft.data[column.key];
      if (typeof text === 'string') pending.push({ draft, row: draft.firstRow, column, target: draft.data, text });
    }
    const lines = (draft.data.lines ?? []) as Array<Record<string, unknown>>;
    lines.forEach((line, i) => {
      for (const column of refColumns.filter((c) => c.line)) {
        const text = line[column.key];
        if (typeof text === 'string') pending.push({ draft, row: draft.lineRows[i], column, target: line, text });
      }
    });
  }
  const types = [...new Set(pending.map((p) => p.column.schema['x-ref'] as string))];
  for (const type of types) {
    const mine = pending.filter((p) => p.column.schema['x-ref'] === type);
    const ids = await book.resolve(
      type,
      mine.map((p) => p.text),
    );
    for (const p of mine) {
      const id = ids.get(p.text);
      if (id) p.target[p.column.key] = id;
      else
        p.draft.errors.push(
          rowError(
            p.row,
            p.column.field,
            said('VALIDATION_FAILED.reference_not_found', { text: p.text, type }),
            columnOf,
          ),
        );
    }
  }
}

export async function sheetDrafts(sheet: Sheet, compiled: CompiledDefinition, book: ReferenceBook): Promise<Drafts> {
  const out: Drafts = { drafts: [], errors: [], ignoredColumns: [], columnOf: new Map() };
  const at = layout(sheet, compiled, out);
  if (out.errors.length > 0) return out;
  const { linesField } = importModel(compiled);
  out.drafts = groupRows(sheet.rows, at.refCol, linesField !== null).map((g) =>
    buildDraft(g, at, linesField, out.columnOf),
  );
  await resolveReferences(out.drafts, at, book, out.columnOf);
  return out;
}

/** Where a validation error of a draft (`/lines/2/price`) is in the sheet. */
export function locate(draft: Draft, error: FieldError, columnOf: Map<string, string>): ImportError {
  const { path, ...why } = error;
  const [top, index, field] = path.split('/').slice(1);
  if (top === 'lines' && index !== undefined && /^\d+$/.test(index)) {
    const name = field === undefined ? 'lines' : `lines.${field}`;
    return rowError(draft.lineRows[Number(index)] ?? draft.firstRow, name, why, columnOf);
  }
  return rowError(draft.firstRow, top ?? '', why, columnOf);
}
