// Runs one queued report run: marks it running, runs its kind with progress,
// renders the format, keeps the file, marks it done. Idempotent: a run already
// done is left alone, so a retried or duplicated job changes nothing.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { toFieldErrors } from '../definitions/index';
import type { FieldError } from '../errors';
import type { Store } from '../store/index';
import type { ReportCatalog } from './catalog';
import { renderCsv, renderXlsx } from './render/xlsx';
import { renderPdf } from './render/pdf';
import type { RenderedFile } from './render/cells';
import { runs, saveFile, type RunDoc, type RunResult } from './runs';
import type { ReportKind, ReportResult } from './types';

export class ReportRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportRunError';
  }
}

// Built on the first parameter check, not when the module loads: a new Ajv with
// its formats is tens of milliseconds of every engine start otherwise.
let ajv: Ajv | undefined;
const paramsAjv = (): Ajv => (ajv ??= addFormats(new Ajv({ allErrors: true, useDefaults: true, strict: false })));

/** Checks (and fills defaults into) parameters; returns the field errors, rendered in the caller's language when answered. */
export function checkParams(kind: ReportKind, params: Record<string, unknown>): FieldError[] {
  const validate = paramsAjv().compile(kind.params);
  if (validate(params)) return [];
  return toFieldErrors(validate.errors, '/params');
}

export const toRunResult = (result: ReportResult): RunResult => ({
  columns: result.columns,
  chart: result.chart,
  rowCount: result.rows.length,
  rows: result.rows.map((r) => ({ ...r.values, ...(r.drill ? { drill: r.drill } : {}) })),
  ...(result.totals ? { totals: result.totals } : {}),
});

const stamp = (d: Date): string => d.toISOString().slice(0, 16).replace(/[-:T]/g, '');

async function render(kind: ReportKind, run: RunDoc, result: ReportResult, now: Date): Promise<RenderedFile | null> {
  const title = kind.title[run.locale];
  const name = `${kind.key}-${stamp(now)}`;
  if (run.format === 'csv')
    return {
      name: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: await renderCsv(result, title, run.locale),
    };
  if (run.format === 'xlsx') {
    return {
      name: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: await renderXlsx(result, title, run.locale),
    };
  }
  if (run.format === 'pdf') {
    const subtitle = Object.entries(run.params)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('  ');
    return {
      name: `${name}.pdf`,
      contentType: 'application/pdf',
      content: await renderPdf(result, {
        title,
        subtitle: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${subtitle}`,
        locale: run.locale,
      }),
    };
  }
  return null;
}

export interface ExecuteDeps {
  store: Store;
  catalog: ReportCatalog;
  now: () => Date;
}

export async function executeRun(
  deps: ExecuteDeps,
  runId: string,
  progress: (percent: number) => Promise<void>,
): Promise<RunDoc> {
  const run = await runs(deps.store).findById(runId);
  if (!run) throw new ReportRunError(`no report run ${runId}`);
  if (run.status === 'done' || run.status === 'failed') return run;
  const kind = await deps.catalog.find(deps.store, run.key);
  if (!kind) throw new ReportRunError(`report ${run.key} no longer exists`);
  await runs(deps.store).updateOne({ _id: runId }, { $set: { status: 'running', startedAt: deps.now(), progress: 1 } });
  const report = async (percent: number) => {
    await runs(deps.store).updateOne(
      { _id: runId, status: 'running' },
      { $set: { progress: Math.min(99, Math.round(percent)) } },
    );
    await progress(percent);
  };
  const result = await kind.run(
    { store: deps.store, now: deps.now(), progress: report, locale: run.locale },
    { ...run.params },
  );
  await report(90);
  const file = await render(kind, run, result, deps.now());
  if (file) await saveFile(deps.store, runId, file.content, run.expiresAt);
  const done = await runs(deps.store).findOneAndUpdate(
    { _id: runId },
    {
      $set: {
        status: 'done',
        progress: 100,
        finishedAt: deps.now(),
        // A file format keeps the table too (small), so the app can preview what it downloads.
        result: toRunResult(result),
        ...(file ? { file: { name: file.name, contentType: file.contentType, size: file.content.length } } : {}),
      },
    },
  );
  await progress(100);
  return done ?? run;
}

export async function failRun(store: Store, runId: string, error: string, now: Date): Promise<void> {
  await runs(store).updateOne(
    { _id: runId, status: { $in: ['queued', 'running'] } },
    { $set: { status: 'failed', error, finishedAt: now } },
  );
}
