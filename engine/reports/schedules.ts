// Scheduled reports: a cron schedule (e.g. `0 8 * * *`, the daily 08:00 sales
// summary) that runs a report and delivers the file to the recipients' inboxes
// and, through the inbox, by e-mail. One repeatable job per schedule on the
// reports queue (a stable key, so every replica registering it keeps one).
import type { Locale } from '../definitions/index';
import { fieldError } from '../messages/index';
import { newId, type Store, type StoredDoc } from '../store/index';
import { messageError } from '../messages/index';
import { runnableParams, SCHEDULED_JOB, type ReportsDeps } from './service';
import type { ReportFormat } from './types';

export const REPORT_SCHEDULES = 'report_schedules';

export interface ScheduleInput {
  key: string;
  params: Record<string, unknown>;
  format: ReportFormat;
  cron: string;
  recipients: { users: string[]; roles: string[] };
  locale: Locale;
}

export interface ScheduleDoc extends StoredDoc, ScheduleInput {
  createdBy: { id: string; username: string };
  createdAt: Date;
}

export const schedules = (store: Store) => store.collection<ScheduleDoc>(REPORT_SCHEDULES);
export const repeatKey = (id: string): string => `report-schedule-${id}`;

export const scheduleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'format', 'cron', 'recipients'],
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
    params: { type: 'object', default: {} },
    format: { enum: ['json', 'csv', 'xlsx', 'pdf'] },
    cron: { type: 'string', minLength: 9, maxLength: 100 },
    recipients: {
      type: 'object',
      additionalProperties: false,
      properties: {
        users: { type: 'array', maxItems: 100, default: [], items: { type: 'string', maxLength: 100 } },
        roles: {
          type: 'array',
          maxItems: 20,
          default: [],
          items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
        },
      },
    },
  },
} as const;

export async function createSchedule(
  deps: ReportsDeps,
  input: ScheduleInput,
  by: { id: string; username: string; roles: string[] },
): Promise<ScheduleDoc> {
  const params = await runnableParams(deps, input.key, by.roles, input.params);
  if (input.recipients.users.length + input.recipients.roles.length === 0) {
    throw messageError(
      'VALIDATION_FAILED.schedule_without_recipients',
      {},
      {
        errors: [fieldError('/recipients', 'VALIDATION_FAILED.recipients_required')],
      },
    );
  }
  const id = newId();
  try {
    await deps.queue.repeat('reports', SCHEDULED_JOB, { scheduleId: id }, { key: repeatKey(id), cron: input.cron });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    // The cron parser's own text names what is wrong with the pattern.
    throw messageError(
      'VALIDATION_FAILED.schedule_cron_invalid',
      { reason: err.message },
      {
        errors: [fieldError('/cron', 'VALIDATION_FAILED.invalid_cron')],
      },
    );
  }
  return schedules(deps.store).insertOne({
    _id: id,
    ...input,
    params,
    createdBy: { id: by.id, username: by.username },
    createdAt: deps.now(),
  });
}

export async function deleteSchedule(deps: ReportsDeps, id: string): Promise<boolean> {
  const removed = await schedules(deps.store).deleteOne({ _id: id });
  if (removed) await deps.queue.removeRepeat('reports', repeatKey(id));
  return removed;
}
