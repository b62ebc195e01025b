// The workers' capabilities as engine plugins: alerts (stock checks on each
// move, expiring batches, overdue deliveries), notifications (the e-mail copy of
// inbox entries), webhooks (signed deliveries) and reports (runs, schedules,
// purge). Installed by createEngine() after the core capabilities, in the web app
// and `npm run workers` alike.
import { ALERT_KINDS, alertJobs, createStockWatch, STOCK_CHECK_JOB } from '../alerts/index';
import { backupsPlugin } from '../backups/index';
import {
  createDispatcher,
  createMailer,
  createTemplateRenderer,
  DELIVER_JOB,
  deliverJob,
  NO_MAIL_SERVER,
  NOTICE_RELAY_JOB,
  relayUndeliveredNotices,
} from '../notifications/index';
import { BUILTIN_REPORTS, createReportCatalog, PURGE_JOB, reportFileAttachment, reportJobs } from '../reports/index';
import { stockCheckJob } from '../replenishment/index';
import { createWebhookEmitter, PUBLISH_EFFECT, publishDocumentEvent, WEBHOOK_JOB, webhookJob } from '../webhooks/index';
import type { EnginePlugin } from './types';

const alerts: EnginePlugin = {
  name: 'alerts',
  register(engine) {
    engine.outbound.stockMoved = createStockWatch(engine.queue, engine.log);
    for (const kind of ALERT_KINDS) {
      engine.alertKinds.register(kind.key, { title: kind.title, job: kind.job });
      engine.schedules.register({ queue: 'alerts', name: kind.job, everyMs: kind.everyMs });
    }
    // What the stock watch enqueues is replenishment's check (alerts sits below replenishment).
    const stockCheck = stockCheckJob({
      store: engine.store,
      outbound: engine.outbound,
      definitions: engine.definitions,
      now: engine.clock,
    });
    engine.jobs.register('alerts', STOCK_CHECK_JOB, (j) => stockCheck(j));
    const jobs = alertJobs({ store: engine.store, outbound: engine.outbound, now: engine.clock });
    for (const [name, job] of Object.entries(jobs)) engine.jobs.register('alerts', name, (j) => job(j));
  },
};

const notifications: EnginePlugin = {
  name: 'notifications',
  register(engine) {
    engine.outbound.dispatch = createDispatcher(engine.queue, engine.faults);
    const mailer = createMailer({ smtpUrl: engine.config.smtpUrl, from: engine.config.mailFrom });
    // The inline queue on the embedded store: every job runs here, so without a
    // mail server a delivery job would only record that (two writes and a job per notice).
    if (!mailer && engine.queue.kind === 'inline' && engine.store.kind === 'embedded') {
      engine.outbound.inboxOnly = NO_MAIL_SERVER;
    }
    const job = deliverJob({
      store: engine.store,
      mailer,
      render: createTemplateRenderer(),
      now: () => engine.clock().getTime(),
      attachments: { report_run: reportFileAttachment },
    });
    engine.jobs.register('notifications', DELIVER_JOB, (j) => job(j));
    // Inbox entries whose delivery job was never enqueued (enqueue failed, process died) get it here.
    engine.jobs.register('outbox', NOTICE_RELAY_JOB, async (_j, e) =>
      relayUndeliveredNotices({ store: e.store, queue: e.queue, now: e.clock(), leaseMs: e.config.inventoryLeaseMs }),
    );
    engine.schedules.register({ queue: 'outbox', name: NOTICE_RELAY_JOB, everyMs: engine.config.inventoryLeaseMs });
  },
};

const webhooks: EnginePlugin = {
  name: 'webhooks',
  register(engine) {
    engine.outbound.emit = createWebhookEmitter(engine.store, {
      queue: engine.queue,
      retry: { attempts: engine.config.webhookAttempts, backoffMs: engine.config.webhookRetryBaseMs },
    });
    const job = webhookJob({
      store: engine.store,
      now: () => engine.clock().getTime(),
      attempts: engine.config.webhookAttempts,
    });
    engine.jobs.register('notifications', WEBHOOK_JOB, (j) => job(j));
    // `document.created` and `document.transitioned`, run from the outbox after the commit.
    engine.effects.register(PUBLISH_EFFECT, (ctx) => publishDocumentEvent(ctx), { phase: 'after-commit' });
  },
};

const reports: EnginePlugin = {
  name: 'reports',
  register(engine) {
    for (const kind of BUILTIN_REPORTS) engine.reportKinds.register(kind.key, kind);
    const jobs = reportJobs({
      store: engine.store,
      outbound: engine.outbound,
      // Plugins may register report kinds after this one: the catalog reads the registry when asked.
      catalog: createReportCatalog(() =>
        engine.reportKinds.names().flatMap((name) => engine.reportKinds.get(name) ?? []),
      ),
      now: engine.clock,
      retentionMs: engine.config.reportRetentionHours * 3_600_000,
    });
    for (const [name, job] of Object.entries(jobs)) engine.jobs.register('reports', name, (j) => job(j));
    engine.schedules.register({ queue: 'reports', name: PURGE_JOB, cron: '17 3 * * *' });
  },
};

export const workerPlugins: readonly EnginePlugin[] = [alerts, notifications, webhooks, reports, backupsPlugin];
