// Repeatable jobs for the inline queue: one document per (queue, key) in
// `job_schedules`. A due schedule enqueues one job whose id names the tick
// (`repeat:KEY:TIME`, as BullMQ does), so firing the same tick twice (two loops,
// or a crash between enqueueing and moving nextRunAt on) still runs it once.
import { isDeepStrictEqual } from 'node:util';
import { CronExpressionParser } from 'cron-parser';
import { DuplicateKeyError } from '../../errors';
import type { Collection, StoredDoc } from '../../store/index';
import type { QueueName, RepeatOptions } from '../types';

export const SCHEDULES = 'job_schedules';

export interface ScheduleDoc extends StoredDoc {
  queue: QueueName;
  key: string;
  name: string;
  data: unknown;
  cron: string | null;
  everyMs: number | null;
  nextRunAt: number;
  createdAt: number;
  updatedAt: number;
}

type Spec = Pick<ScheduleDoc, 'cron' | 'everyMs'>;

/** `everyMs` runs at once and then every interval (BullMQ does the same); cron waits for its next time. */
function firstRunAt(spec: Spec, now: number): number {
  if (spec.everyMs !== null) return now;
  return CronExpressionParser.parse(spec.cron ?? '', { currentDate: new Date(now) })
    .next()
    .getTime();
}

/** The tick after `firedAt`; ticks missed while the process was down are skipped, not caught up. */
export function nextRunAfter(spec: Spec, firedAt: number, now: number): number {
  if (spec.everyMs !== null) {
    const missed = Math.max(0, Math.floor((now - firedAt) / spec.everyMs));
    return firedAt + spec.everyMs * (missed + 1);
  }
  const from = new Date(Math.max(firedAt, now));
  return CronExpressionParser.parse(spec.cron ?? '', { currentDate: from })
    .next()
    .getTime();
}

export const tickJobId = (key: string, at: number): string => `repeat:${key}:${at}`;

/**
 * Registering an unchanged schedule again (every boot does) keeps its next tick
 * and writes nothing: every boot registers all 14 built-in schedules, and a write
 * each (a store transaction) was ~4 ms apiece before the engine could listen. A
 * changed pattern or interval starts over from now; a changed name or data is
 * saved, keeping the tick.
 */
export async function upsertSchedule(
  schedules: Collection<ScheduleDoc>,
  input: { queue: QueueName; name: string; data: unknown; options: RepeatOptions; now: number },
): Promise<void> {
  const { queue, name, data, options, now } = input;
  const spec: Spec = { cron: options.cron ?? null, everyMs: options.everyMs ?? null };
  const existing = await schedules.findOne({ queue, key: options.key });
  if (existing && existing.cron === spec.cron && existing.everyMs === spec.everyMs) {
    if (existing.name !== name || !isDeepStrictEqual(existing.data, data))
      await schedules.updateOne({ _id: existing._id }, { $set: { name, data, updatedAt: now } });
    return;
  }
  const update = {
    $set: { name, data, ...spec, nextRunAt: firstRunAt(spec, now), updatedAt: now },
    $setOnInsert: { createdAt: now },
  };
  try {
    await schedules.updateOne({ queue, key: options.key }, update, { upsert: true });
  } catch (err) {
    // Two registrations raced to insert; the loser updates the winner's document.
    if (!(err instanceof DuplicateKeyError)) throw err;
    await schedules.updateOne({ queue, key: options.key }, update);
  }
}

/** Enqueues one job per due schedule and moves each schedule to its next tick. */
export async function fireDueSchedules(input: {
  schedules: Collection<ScheduleDoc>;
  now: number;
  enqueueTick: (schedule: ScheduleDoc) => Promise<void>;
}): Promise<void> {
  const { schedules, now, enqueueTick } = input;
  const due = await schedules.find({ nextRunAt: { $lte: now } }, { sort: { nextRunAt: 1 }, limit: 100 });
  for (const schedule of due) {
    await enqueueTick(schedule);
    // Guarded by the tick it fired: a concurrent loop that already moved it on wins.
    await schedules.updateOne(
      { _id: schedule._id, nextRunAt: schedule.nextRunAt },
      { $set: { nextRunAt: nextRunAfter(schedule, schedule.nextRunAt, now), updatedAt: now } },
    );
  }
}
