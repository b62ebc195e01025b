// What every file format shares: headers in the caller's language and the cell
// values in column order.
import type { Locale } from '../../definitions/index';
import type { Cell, ReportResult } from '../types';

export const headerRow = (result: ReportResult, locale: Locale): string[] => result.columns.map((c) => c.title[locale]);

export const valueRows = (result: ReportResult): Cell[][] =>
  result.rows.map((row) => result.columns.map((c) => row.values[c.key] ?? null));

export interface RenderedFile {
  name: string;
  contentType: string;
  content: Buffer;
}
