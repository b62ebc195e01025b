// The first worksheet of an uploaded .xlsx as a header row and data rows, with
// the row numbers Excel shows, so every error can name the row a person fixes.
// The workbook is read with exceljs's streaming reader, after its unzipped size
// is checked (inflated-size.ts): rows arrive one at a time and reading stops at
// the row limit, so a crafted workbook can neither fill memory nor hold the
// event loop (the reader yields between chunks, and we yield every few hundred rows).
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { messageError } from '../messages/index';
import { plainCell } from './cells';
import { assertInflatedSize } from './inflated-size';

export type Scalar = ReturnType<typeof plainCell>;

export interface SheetRow {
  /** 1-based, as Excel numbers rows. */
  row: number;
  cells: Map<number, Scalar>;
}

export interface Sheet {
  headers: Array<{ col: number; text: string }>;
  rows: SheetRow[];
}

/** Far more than a shop imports at once; each row becomes a document written one by one. */
export const MAX_IMPORT_ROWS = 5000;
/** Columns read per row: a definition has tens of fields, not thousands. */
export const MAX_IMPORT_COLUMNS = 200;

const tooManyRows = (): AppError => messageError('BAD_REQUEST.too_many_rows', { max: MAX_IMPORT_ROWS });

function cellsOf(row: ExcelJS.Row): Map<number, Scalar> {
  const cells = new Map<number, Scalar>();
  row.eachCell((cell, col) => {
    if (col > MAX_IMPORT_COLUMNS) return;
    const value = plainCell(cell.value);
    if (value !== null) cells.set(col, value);
  });
  return cells;
}

async function firstWorksheet(file: Buffer): Promise<{ headers: Sheet['headers']; rows: SheetRow[] } | null> {
  // Loaded on first use: exceljs alone is about a fifth of the engine's start-up.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const worksheet of reader) {
    const headers: Sheet['headers'] = [];
    const rows: SheetRow[] = [];
    let seen = 0;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) {
        for (const [col, text] of cellsOf(row))
          headers.push({ col, text: text instanceof Date ? text.toISOString() : String(text) });
        continue;
      }
      if (row.number - 1 > MAX_IMPORT_ROWS) throw tooManyRows();
      const cells = cellsOf(row);
      if (cells.size > 0) rows.push({ row: row.number, cells });
      if (++seen % 250 === 0) await yieldToLoop();
    }
    return headers.length > 0 || rows.length > 0 ? { headers, rows } : null;
  }
  return null;
}

export async function readSheet(file: Buffer): Promise<Sheet> {
  await assertInflatedSize(file);
  let sheet: Sheet | null;
  try {
    sheet = await firstWorksheet(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw messageError('BAD_REQUEST.not_xlsx', undefined, { cause: err });
  }
  if (!sheet || sheet.headers.length === 0) throw messageError('BAD_REQUEST.no_header_row');
  return sheet;
}
