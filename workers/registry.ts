// Which processor handles each queue. Processors are plain functions of a
// JobContext: the same map is run by `npm run workers` (BullMQ) and, without
// REDIS_URL, by the engine's inline queue. A processor gets what it needs (the
// store, the queue to enqueue follow-ups, the mailer) from `WorkerDeps`, never
// from the adapter.
import type { Config } from '../engine/config';
import { createMailer, type Mailer } from '../engine/notifications/mailer';
import { createTemplateRenderer } from '../engine/notifications/templates';
import type { Processor, QueueName, QueuePort } from '../engine/queue/types';
import type { Store } from '../engine/store/types';
import { BUILTIN_REPORTS, createReportCatalog } from '../engine/reports/index';
import { createAlertsProcessor } from './alerts/index';
import { createNotificationsProcessor } from './notifications/index';
import { createReportsProcessor } from './reports/index';
import { webhookJob } from './webhooks/deliver';
import { WEBHOOK_JOB } from '../engine/webhooks/index';

export interface WorkerDeps {
  store: Store;
  queue: QueuePort;
  /** Milliseconds since the epoch; tests inject a fake clock. */
  now: () => number;
  /** SMTP and the rest of the typed configuration; without it e-mail is off. */
  config?: Pick<Config, 'smtpUrl' | 'mailFrom' | 'reportRetentionHours' | 'webhookAttempts'>;
  /** Tests pass their own; otherwise built from config.smtpUrl (null: e-mail off). */
  mailer?: Mailer | null;
}

export type ProcessorMap = Partial<Record<QueueName, Processor>>;

/** Every queue's processor, bound to its dependencies. */
export function buildProcessors(deps: WorkerDeps): ProcessorMap {
  const mailer = deps.mailer !== undefined ? deps.mailer : createMailer({ smtpUrl: deps.config?.smtpUrl, from: deps.config?.mailFrom ?? 'noreply@localhost' });
  return {
    alerts: createAlertsProcessor(deps),
    notifications: createNotificationsProcessor({
      store: deps.store,
      mailer,
      render: createTemplateRenderer(),
      now: deps.now,
      extraJobs: { [WEBHOOK_JOB]: webhookJob({ store: deps.store, now: deps.now, attempts: deps.config?.webhookAttempts ?? 8 }) },
    }),
    reports: createReportsProcessor({
      store: deps.store,
      catalog: createReportCatalog(BUILTIN_REPORTS),
      now: () => new Date(deps.now()),
      retentionMs: (deps.config?.reportRetentionHours ?? 168) * 3_600_000,
    }),
  };
}

/** Registers every processor on a queue adapter; returns the queues it registered. */
export function registerProcessors(queue: { process(name: QueueName, processor: Processor): void }, registry: ProcessorMap): QueueName[] {
  const names = Object.keys(registry) as QueueName[];
  for (const name of names) {
    const processor = registry[name];
    if (processor) queue.process(name, processor);
  }
  return names;
}
