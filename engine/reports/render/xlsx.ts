// XLSX and CSV through exceljs: a header row in the caller's language, number
// formats by column type (money to the cent, percentages, hours), frozen header.
import type ExcelJS from 'exceljs';
import type { Locale } from '../../definitions/index';
import type { ColumnType, ReportResult } from '../types';
import { headerRow, valueRows } from './cells';

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  money: '#,##0.00',
  number: '#,##0.####',
  percent: '0.00%',
  hours: '#,##0.00',
};

function workbookOf(excel: typeof ExcelJS, result: ReportResult, title: string, locale: Locale): ExcelJS.Workbook {
  const workbook = new excel.Workbook();
  workbook.creator = '进销存 Flow';
  // Sheet names may not hold []:*?/\ and are at most 31 characters.
  const sheet = workbook.addWorksheet(title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = result.columns.map((c, i) => ({
    header: headerRow(result, locale)[i],
    key: c.key,
    width: Math.max(10, c.title[locale].length * 2 + 4),
    ...(NUMBER_FORMATS[c.type] ? { style: { numFmt: NUMBER_FORMATS[c.type] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const values of valueRows(result)) sheet.addRow(values);
  return workbook;
}

export async function renderXlsx(result: ReportResult, title: string, locale: Locale): Promise<Buffer> {
  // Loaded on first use: exceljs alone is about a fifth of the engine's start-up.
  const { default: excel } = await import('exceljs');
  return Buffer.from(await workbookOf(excel, result, title, locale).xlsx.writeBuffer());
}

/** A formula-looking text cell would run in a spreadsheet: it is prefixed with a quote. */
const defuse = (value: unknown): unknown =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

export async function renderCsv(result: ReportResult, title: string, locale: Locale): Promise<Buffer> {
  const safe: ReportResult = {
    ...result,
    rows: result.rows.map((r) => ({
      ...r,
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, defuse(v) as typeof v])),
    })),
  };
  const { default: excel } = await import('exceljs');
  const csv = Buffer.from(await workbookOf(excel, safe, title, locale).csv.writeBuffer());
  // The BOM tells Excel the file is UTF-8, so Chinese headers open readable.
  return Buffer.concat([Buffer.from('\ufeff', 'utf8'), csv]);
}
