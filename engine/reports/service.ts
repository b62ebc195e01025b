// Starting a report run (POST /api/reports/:key/runs) and reading one back: the
// caller must hold one of the report's roles, the parameters must pass its JSON
// Schema; the run is recorded `queued` and a `run` job goes on the reports queue.
import type { Locale } from '../definitions/index';
import type { Outbound, QueuePort } from '../queue/index';
import { newId, type Store } from '../store/index';
import { mayRun, type ReportCatalog } from './catalog';
import { checkParams } from './execute';
import { messageError } from '../messages/index';
import { runs, type RunDoc } from './runs';
import type { ReportFormat } from './types';

export const RUN_JOB = 'run';
export const SCHEDULED_JOB = 'scheduled';
export const PURGE_JOB = 'purge';
export const RUN_ATTEMPTS = 3;

export interface ReportsDeps {
  store: Store;
  queue: QueuePort;
  /** The engine's channels: a scheduled report's notice goes on to e-mail through them. */
  outbound?: Outbound;
  catalog: ReportCatalog;
  now: () => Date;
  retentionMs: number;
}

export interface Caller {
  id: string;
  username: string;
  roles: string[];
}

export interface StartRunInput {
  key: string;
  params: Record<string, unknown>;
  format: ReportFormat;
  locale: Locale;
  user: Caller;
  schedule?: string;
  runId?: string;
}

/** Records the run (queued); the caller decides whether to enqueue it or run it here. */
/**
 * The parameters of a report `roles` may run, checked (with their defaults
 * filled in): what a run and a schedule both start from.
 */
export async function runnableParams(
  deps: Pick<ReportsDeps, 'catalog' | 'store'>,
  key: string,
  roles: string[],
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const kind = await deps.catalog.find(deps.store, key);
  if (!kind) throw messageError('NOT_FOUND.report', { key });
  if (!mayRun(kind, roles)) {
    const allowed = ['admin', ...kind.roles];
    const params = { key, roles: { 'zh-CN': allowed.join('、'), en: allowed.join(', ') } };
    throw messageError('FORBIDDEN.report_roles', params);
  }
  const params = structuredClone(input);
  const errors = checkParams(kind, params);
  if (errors.length > 0) throw messageError('VALIDATION_FAILED.report_params_invalid', { key }, { errors });
  return params;
}

export async function createRun(deps: Omit<ReportsDeps, 'queue'>, input: StartRunInput): Promise<RunDoc> {
  const params = await runnableParams(deps, input.key, input.user.roles, input.params);
  const now = deps.now();
  return runs(deps.store).insertOne({
    _id: input.runId ?? newId(),
    key: input.key,
    params,
    format: input.format,
    locale: input.locale,
    status: 'queued',
    progress: 0,
    createdBy: { id: input.user.id, username: input.user.username },
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.retentionMs),
    ...(input.schedule ? { schedule: input.schedule } : {}),
  });
}

export async function startRun(deps: ReportsDeps, input: StartRunInput): Promise<string> {
  const run = await createRun(deps, input);
  await deps.queue.enqueue(
    'reports',
    RUN_JOB,
    { runId: run._id },
    { jobId: `run-${run._id}`, attempts: RUN_ATTEMPTS, backoffMs: 2000 },
  );
  return run._id;
}

/** The run as its requester (or an admin) may see it; 404 otherwise, so ids are no oracle. */
export async function runFor(store: Store, runId: string, user: Caller, now: Date): Promise<RunDoc> {
  const run = await runs(store).findById(runId);
  if (
    !run ||
    new Date(run.expiresAt).getTime() < now.getTime() ||
    (run.createdBy.id !== user.id && !run.recipients?.includes(user.id) && !user.roles.includes('admin'))
  ) {
    throw messageError('NOT_FOUND.report_run', { id: runId });
  }
  return run;
}
