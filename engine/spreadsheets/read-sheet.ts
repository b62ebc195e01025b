// The first worksheet of an uploaded .xlsx as a header row and data rows, with
// the row numbers Excel shows, so every error can name the row a person fixes.
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { plainCell } from './cells';

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

export async function readSheet(file: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs wants its own Buffer type; a Node Buffer is one at runtime.
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new AppError('BAD_REQUEST', 'The upload is not a readable .xlsx workbook.', { cause: err });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 1) throw new AppError('BAD_REQUEST', 'The workbook has no worksheet with a header row.');
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) {
    throw new AppError('BAD_REQUEST', `The worksheet has ${sheet.rowCount - 1} rows; import at most ${MAX_IMPORT_ROWS} at a time.`);
  }
  const headers: Sheet['headers'] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const text = plainCell(cell.value);
    if (text !== null) headers.push({ col, text: text instanceof Date ? text.toISOString() : String(text) });
  });
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = new Map<number, Scalar>();
    row.eachCell((cell, col) => {
      const value = plainCell(cell.value);
      if (value !== null) cells.set(col, value);
    });
    if (cells.size > 0) rows.push({ row: number, cells });
  });
  return { headers, rows };
}
