// Reports job `scheduled`: one firing of a report schedule. The run id comes from
// the job id, so a retried firing reuses its run (done once) and its notice
// (keyed), and the recipients get the file in their inbox and by e-mail.
import { createHash } from 'node:crypto';
import { DuplicateKeyError } from '../errors';
import { notify } from '../notifications/index';
import type { JobContext } from '../queue/index';
import { executeRun } from './execute';
import { runs } from './runs';
import { schedules } from './schedules';
import { createRun, type ReportsDeps } from './service';
import { USERS_COLLECTION, type UserDoc } from '../users/index';

export function scheduledJob(deps: Omit<ReportsDeps, 'queue'>): (job: JobContext) => Promise<unknown> {
  return async (job) => {
    const { scheduleId } = job.data as { scheduleId?: string };
    const schedule = scheduleId ? await schedules(deps.store).findById(scheduleId) : null;
    if (!schedule) return { skipped: 'schedule removed' };
    const runId = `sched-${createHash('sha256').update(`${schedule._id}/${job.id}`).digest('hex').slice(0, 32)}`;
    const users = await deps.store.collection<UserDoc>(USERS_COLLECTION).find({
      disabled: false,
      $or: [{ _id: { $in: schedule.recipients.users } }, { roles: { $in: schedule.recipients.roles } }],
    });
    const recipients = users.map((u) => u._id);
    try {
      await createRun(deps, {
        key: schedule.key,
        params: schedule.params,
        format: schedule.format,
        locale: schedule.locale,
        user: { ...schedule.createdBy, roles: ['admin'] },
        schedule: schedule._id,
        runId,
      });
      await runs(deps.store).updateOne({ _id: runId }, { $set: { recipients } });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const run = await executeRun(deps, runId, (p) => job.updateProgress(p));
    const kind = await deps.catalog.find(deps.store, schedule.key);
    const title = kind?.title ?? { 'zh-CN': schedule.key, en: schedule.key };
    const day = deps.now().toISOString().slice(0, 10);
    await notify(deps, {
      users: recipients,
      kind: 'report.ready',
      key: `report:${runId}`,
      title: { 'zh-CN': `${title['zh-CN']}（${day}）`, en: `${title.en} (${day})` },
      message: {
        'zh-CN': `定时报表已生成，共 ${run.result?.rowCount ?? 0} 行${run.file ? `，附件 ${run.file.name}` : ''}。`,
        en: `The scheduled report is ready: ${run.result?.rowCount ?? 0} rows${run.file ? `, file ${run.file.name}` : ''}.`,
      },
      subject: { type: 'report_run', id: runId },
      now: deps.now(),
    });
    return { runId, recipients: recipients.length };
  };
}
