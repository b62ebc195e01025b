// The engine's report API (engine/reports/routes.ts) as the app uses it: the kinds
// the user may run with their parameter schemas, runs queued and polled until done
// or failed, their files, and saved (custom) reports for admins.
import { api, apiResponse } from '../../api/client';
import { saveResponse } from '../../api/download';
import type { Locale } from '../../api/types';

type Text = Partial<Record<Locale, string>>;

export interface ReportKindView {
  key: string;
  title: Text;
  description: Text | null;
  /** JSON Schema of the parameters (labels in `x-title`). */
  params: Record<string, unknown>;
  roles: string[];
  /** A saved report an admin defined, rather than a built-in. */
  custom: boolean;
  /** A saved report's document type and group-by fields. */
  documentType?: string;
  groupBy?: string[];
}

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'pdf';
export type RunStatus = 'queued' | 'running' | 'done' | 'failed';
export type ColumnType = 'text' | 'number' | 'money' | 'percent' | 'date' | 'hours';
export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  title: Text;
  type: ColumnType;
}

export interface Drill {
  type: string;
  query: Record<string, string>;
  states?: string[];
}

export interface RunView {
  runId: string;
  key: string;
  status: RunStatus;
  progress: number;
  format: ReportFormat;
  params: Record<string, unknown>;
  result: {
    columns: ReportColumn[];
    rows: Array<Record<string, Cell | Drill>>;
    chart?: { type: 'line' | 'bar' | 'pie'; x: string; y: string[] };
    rowCount: number;
  } | null;
  file: { name: string; contentType: string; size: number; url: string } | null;
  error: string | null;
}

export const listReports = async (): Promise<ReportKindView[]> =>
  (await api<{ items: ReportKindView[] }>('GET', '/api/reports')).items;

export const startRun = async (key: string, params: Record<string, unknown>, format: ReportFormat) =>
  (await api<{ runId: string }>('POST', `/api/reports/${encodeURIComponent(key)}/runs`, { params, format })).runId;

export const readRun = (runId: string) => api<RunView>('GET', `/api/reports/runs/${encodeURIComponent(runId)}`);

const POLL_MS = 500;

/**
 * Polls a run until it is done or failed, telling `onUpdate` each state on the
 * way (queued → running n% → done). `isCancelled` stops it (the page was left).
 */
export async function followRun(
  runId: string,
  onUpdate: (run: RunView) => void,
  isCancelled: () => boolean,
): Promise<RunView | null> {
  for (;;) {
    const run = await readRun(runId);
    if (isCancelled()) return null;
    onUpdate(run);
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function downloadRunFile(run: RunView): Promise<void> {
  if (!run.file) return;
  await saveResponse(await apiResponse('GET', run.file.url), run.file.name);
}

export interface SavedReportInput {
  key: string;
  title: Record<Locale, string>;
  documentType: string;
  dateField?: string;
  states?: string[];
  filters: [];
  groupBy: string[];
  measures: Array<{ op: 'sum' | 'count' | 'avg'; field?: string; title: Record<Locale, string> }>;
  roles: string[];
}

export const saveReport = (input: SavedReportInput) =>
  api<{ id: string; key: string }>('POST', '/api/reports/saved', input);

export const deleteSavedReport = (key: string) => api<void>('DELETE', `/api/reports/saved/${encodeURIComponent(key)}`);
