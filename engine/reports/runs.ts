// Report runs: one `report_runs` entry per request (queued → running → done |
// failed, with progress), the produced file in `report_files` (in the store, so a
// worker process and every engine replica see it), both removed once expired.
import type { Locale } from '../definitions/index';
import type { Store, StoredDoc } from '../store/index';
import type { Cell, ChartHint, Drill, ReportColumn, ReportFormat } from './types';

export const REPORT_RUNS = 'report_runs';
export const REPORT_FILES = 'report_files';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface RunResult {
  columns: ReportColumn[];
  /** Each row: its cells by column key, plus `drill`, the list that shows the documents behind it. */
  rows: Array<Record<string, Cell | Drill>>;
  chart?: ChartHint;
  rowCount: number;
  /** The totals row, when the report has one (e.g. a trial balance's debits and credits). */
  totals?: Record<string, Cell>;
}

export interface RunFile {
  name: string;
  contentType: string;
  size: number;
}

export interface RunDoc extends StoredDoc {
  key: string;
  params: Record<string, unknown>;
  format: ReportFormat;
  locale: Locale;
  status: RunStatus;
  progress: number;
  result?: RunResult;
  file?: RunFile;
  error?: string;
  createdBy: { id: string; username: string };
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  expiresAt: Date;
  schedule?: string;
  /** Who else may read it (the recipients of a scheduled report). */
  recipients?: string[];
}

interface FileDoc extends StoredDoc {
  content: string;
  expiresAt: Date;
}

export const runs = (store: Store) => store.collection<RunDoc>(REPORT_RUNS);
const files = (store: Store) => store.collection<FileDoc>(REPORT_FILES);

export async function ensureReportIndexes(store: Store): Promise<void> {
  await runs(store).createIndex({ name: 'expires', keys: { expiresAt: 1 } });
  await files(store).createIndex({ name: 'expires', keys: { expiresAt: 1 } });
}

export async function saveFile(store: Store, runId: string, content: Buffer, expiresAt: Date): Promise<void> {
  await files(store).updateOne(
    { _id: runId },
    { $set: { content: content.toString('base64'), expiresAt } },
    { upsert: true },
  );
}

/** A scheduled report's notice carries its file (the notifications deliver job asks). */
export async function reportFileAttachment(
  store: Store,
  subject: { id: string },
): Promise<Array<{ filename: string; content: Buffer; contentType: string }> | undefined> {
  const run = await runs(store).findById(subject.id);
  const content = run?.file ? await readFile(store, subject.id) : null;
  return run?.file && content ? [{ filename: run.file.name, content, contentType: run.file.contentType }] : undefined;
}

export async function readFile(store: Store, runId: string): Promise<Buffer | null> {
  const found = await files(store).findById(runId);
  return found ? Buffer.from(found.content, 'base64') : null;
}

/** Removes runs and files past their time; returns how many runs went. */
export async function purgeExpired(store: Store, now: Date): Promise<number> {
  await files(store).deleteMany({ expiresAt: { $lt: now } });
  return runs(store).deleteMany({ expiresAt: { $lt: now } });
}

export interface RunView {
  runId: string;
  key: string;
  status: RunStatus;
  progress: number;
  format: ReportFormat;
  params: Record<string, unknown>;
  result: RunResult | null;
  file: (RunFile & { url: string }) | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export const toRunView = (run: RunDoc): RunView => ({
  runId: run._id,
  key: run.key,
  status: run.status,
  progress: run.progress,
  format: run.format,
  params: run.params,
  result: run.result ?? null,
  file: run.file ? { ...run.file, url: `/api/reports/runs/${run._id}/file` } : null,
  error: run.error ?? null,
  createdAt: run.createdAt,
  finishedAt: run.finishedAt ?? null,
});
