// GET /api/documents/:type/export: the list view as .xlsx. The rows are exactly
// what the list API would page through for the same filters and the same
// caller (read scope included), fetched page by page with the list cursor;
// columns are the definition's list columns, titled in the caller's language,
// with references shown by their natural key (customer code, product sku) so an
// export can be edited and imported again.
import type { DefinitionRegistry, Locale } from '../definitions/index';
import {
  listDocuments,
  MAX_LIMIT,
  readFilter,
  type DocumentView,
  type ListQuery,
  type RuleUser,
} from '../documents/index';
import { messageError } from '../messages/index';
import type { Store } from '../store/index';
import { toCell } from './cells';
import { exportColumns, type ExportColumn } from './columns';
import { referenceBook, type ReferenceBook } from './references';

/** A workbook is built in memory; beyond this the caller should narrow the filters (or run a report). */
export const MAX_EXPORT_ROWS = 50_000;

export interface ExportInput {
  type: string;
  query: ListQuery;
  user: RuleUser;
  locale: Locale;
}

function valueAt(doc: DocumentView, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      doc,
    );
}

async function referenceLabels(
  book: ReferenceBook,
  columns: ExportColumn[],
  docs: DocumentView[],
): Promise<Map<string, Map<string, string>>> {
  const labels = new Map<string, Map<string, string>>();
  for (const column of columns) {
    const type = column.schema?.['x-ref'];
    if (typeof type !== 'string') continue;
    const ids = docs.map((d) => valueAt(d, column.path)).filter((v): v is string => typeof v === 'string');
    labels.set(column.path, await book.display(type, ids));
  }
  return labels;
}

export async function exportSpreadsheet(
  store: Store,
  registry: DefinitionRegistry,
  input: ExportInput,
): Promise<{ body: Buffer; filename: string }> {
  const compiled = await registry.latest(input.type);
  const def = compiled.def;
  const scope = readFilter(def, compiled.rowFilters, input.user);
  const { cursor: _cursor, limit: _limit, ...filters } = input.query;
  const docs: DocumentView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDocuments(store, {
      type: def.key,
      spec: compiled.list,
      query: { ...filters, limit: MAX_LIMIT, cursor },
      readFilter: scope,
    });
    docs.push(...page.items);
    if (docs.length > MAX_EXPORT_ROWS) {
      throw messageError('BAD_REQUEST.export_too_many_rows', { max: MAX_EXPORT_ROWS, type: def.key });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const columns = exportColumns(def, input.locale);
  const labels = await referenceLabels(referenceBook(store, registry, input.user), columns, docs);
  // Loaded on first use: exceljs alone is about a fifth of the engine's start-up.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(def.title[input.locale].slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.title, key: c.path, width: Math.max(12, c.title.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const doc of docs) {
    sheet.addRow(
      columns.map((c) => {
        const value = valueAt(doc, c.path);
        if (c.path === 'state') return compiled.states.get(doc.state)?.label[input.locale] ?? doc.state;
        const label = typeof value === 'string' ? labels.get(c.path)?.get(value) : undefined;
        return label ?? toCell(value, c.schema, input.locale);
      }),
    );
  }
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, filename: `${def.key}.xlsx` };
}
