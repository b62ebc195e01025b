// Report kinds are data: a key, a title in both languages, the parameters as a
// JSON Schema (so the staff app renders a form for them), the columns, a chart
// hint and `run`, which aggregates in the store and returns rows. Built-ins,
// plugin reports and saved (custom) reports all have this shape.
import type { Locale, LocalizedText } from '../definitions/index';
import type { Store } from '../store/index';

export type ColumnType = 'text' | 'number' | 'money' | 'percent' | 'date' | 'hours';

export interface ReportColumn {
  key: string;
  title: LocalizedText;
  type: ColumnType;
}

/** A column of a report's result: its key, its title in both languages and its cell type. */
export const reportColumn = (key: string, zh: string, en: string, type: ColumnType): ReportColumn => ({
  key,
  title: { 'zh-CN': zh, en },
  type,
});

/** A report's title or description in both languages. */
export const bilingual = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

export interface ChartHint {
  type: 'line' | 'bar' | 'pie';
  /** Column key of the category / x axis. */
  x: string;
  /** Column keys of the series / y axis. */
  y: string[];
}

export type Cell = string | number | null;

/** The list that shows the documents behind a row: GET /api/documents/:type?{query}. */
export interface Drill {
  /** A document type, or `inventory.ledger` for GET /api/inventory/ledger. */
  type: string;
  query: Record<string, string>;
  /** The states the figure counts (the list takes one `state` at a time). */
  states?: string[];
}

export interface ReportRow {
  values: Record<string, Cell>;
  drill?: Drill;
}

export interface ReportResult {
  columns: ReportColumn[];
  rows: ReportRow[];
  chart?: ChartHint;
  /** Totals row (same keys as the columns), when the report has one. */
  totals?: Record<string, Cell>;
}

export interface ReportRunContext {
  store: Store;
  now: Date;
  progress(percent: number): Promise<void>;
  /** The language the run was asked in, for reports that show stored text kept in both (finance vouchers). */
  locale?: Locale;
}

export type JsonSchema = Record<string, unknown>;

export interface ReportKind<P = Record<string, unknown>> {
  key: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** JSON Schema of the parameters (an object schema). */
  params: JsonSchema;
  /** Roles that may run it; `admin` always may. */
  roles: string[];
  run(ctx: ReportRunContext, params: P): Promise<ReportResult>;
  /**
   * Saved (custom) reports carry their id, and the document type and fields they
   * group by, so a client can label those columns from the definition.
   */
  saved?: { id: string; documentType: string; groupBy: string[] };
}

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'pdf';
export const REPORT_FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx', 'pdf'];

/**
 * A kind with typed parameters, as a registry entry. Parameters reach `run` only
 * after they passed the kind's JSON Schema, which is what makes the cast sound.
 */
export function defineReport<P>(kind: ReportKind<P>): ReportKind {
  return { ...kind, run: (ctx, params) => kind.run(ctx, params as P) };
}
