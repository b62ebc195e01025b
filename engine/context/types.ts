// The engine context (docs/architecture.md, "How a plugin plugs in"): built once
// per engine by createEngine(), by the web app (engine/app.ts, as app.engine) and
// by `npm run workers` alike, so both run a transition with the same effects,
// phases and approval seam. Every registry lives here, none in a module.
import type { Config } from '../config';
import type { LocalizedText, CompileHook } from '../definitions/index';
import type { DocumentServices, EffectLogger } from '../documents/index';
import type { JobContext, Outbound, QueueName } from '../queue/index';
import type { NamedRegistry } from './named-registry';

export interface EngineLogger extends EffectLogger {
  info(obj: object, message: string): void;
  warn(obj: object, message: string): void;
}

/** A named job of a queue: processors dispatch on the job's name (processors.ts). */
export type JobHandler = (job: JobContext, engine: EngineContext) => Promise<unknown>;

export interface JobRegistry {
  /** Registers the handler of `name` on `queue`; a name already taken there is refused. */
  register(queue: QueueName, name: string, handler: JobHandler): void;
  get(queue: QueueName, name: string): JobHandler | undefined;
  /** Queues with at least one job, and their job names. */
  queues(): Map<QueueName, string[]>;
}

/** A periodic job: a repeatable job on the queue port (queue.repeat), so with BullMQ it runs once per cluster. */
export interface Schedule {
  queue: QueueName;
  /** The job's name, also the schedule's stable key. */
  name: string;
  everyMs?: number;
  cron?: string;
  data?: unknown;
  /** Also enqueue one run when the engine starts (a restart after a crash need not wait a whole interval). */
  runAtStart?: boolean;
}

export interface ScheduleRegistry {
  /** Registers (or replaces, by name) a periodic job; engine.start() puts it on the queue. */
  register(schedule: Schedule): void;
  /** Forgets one (a plugin uninstalled); taking it off the queue is the caller's (queue.removeRepeat). */
  unregister(queue: QueueName, name: string): void;
  list(): Schedule[];
}

/** What an alert kind declares (the `kind` of AlertDoc, engine/alerts). */
export interface AlertKind {
  title: LocalizedText;
  /** The `alerts` queue job that raises it, if any. */
  job?: string;
}

/** A report a user can ask for (the `reports` queue runs it): key, title, parameter schema, run (engine/reports). */
export type { ReportKind } from '../reports/index';
import type { ReportKind } from '../reports/index';

/** A way to tell a user something: the inbox is built in; e-mail and webhooks register here. */
export interface NotificationChannel {
  send(
    engine: EngineContext,
    message: { users: string[]; kind: string; title: LocalizedText; message: LocalizedText; key?: string },
  ): Promise<void>;
}

export interface CompileHookRegistry {
  register(name: string, hook: CompileHook): void;
  list(): Array<[string, CompileHook]>;
}

/** A plugin: a name, a version, and a function that registers its contributions. */
export interface EnginePlugin {
  name: string;
  version?: string;
  register(engine: EngineContext): void;
}

export interface EngineContext extends DocumentServices {
  config: Config;
  /** The engine's channels (notices, webhook events, stock moves), filled by the capabilities that own them. */
  outbound: Outbound;
  log: EngineLogger;
  alertKinds: NamedRegistry<AlertKind>;
  reportKinds: NamedRegistry<ReportKind>;
  channels: NamedRegistry<NotificationChannel>;
  compileHooks: CompileHookRegistry;
  jobs: JobRegistry;
  schedules: ScheduleRegistry;
  /** The plugins installed (built-in capabilities first), in order. */
  plugins(): Array<{ name: string; version?: string }>;
  /** Installs a plugin: runs its `register` on this engine (once per name). */
  use(plugin: EnginePlugin): void;
  /** Puts every schedule on the queue (stable keys: every replica registering them keeps one each). */
  start(): Promise<void>;
}
