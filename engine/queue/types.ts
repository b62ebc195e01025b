// The queue port. Adapters: `bullmq` (Redis) and `inline` (in-process, jobs
// persisted in the store so a restart loses none). Processors in workers/ are
// plain functions of a JobContext and never see which adapter runs them.

export type QueueName = 'alerts' | 'reports' | 'notifications' | 'outbox';

/** Every queue, in the order an admin sees them. */
export const QUEUE_NAMES: readonly QueueName[] = ['alerts', 'reports', 'notifications', 'outbox'];

export interface JobOptions {
  /** Dedupe: enqueueing an id that already exists (waiting, active, delayed or completed) is a no-op. */
  jobId?: string;
  /** Milliseconds to wait before the job may run. */
  delay?: number;
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** Exponential backoff base in ms: retry n waits base × 2^(n-1) (default 1000). */
  backoffMs?: number;
}

export interface RepeatOptions {
  /** Stable key: registering the same key again replaces the schedule, never doubles it. */
  key: string;
  /** Cron pattern (5 or 6 fields) … */
  cron?: string;
  /** … or a fixed interval in ms. */
  everyMs?: number;
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobInfo {
  id: string;
  queue: QueueName;
  name: string;
  data: unknown;
  state: JobState;
  attemptsMade: number;
  progress: number;
  result?: unknown;
  failedReason?: string;
}

/**
 * How many jobs of one queue are in each state. `failed` counts jobs that failed
 * an attempt and will retry (waiting out their backoff); `dead` those that used up
 * their attempts or failed unrecoverably (the dead-letter list).
 */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  dead: number;
}

export interface JobContext<D = unknown> {
  id: string;
  name: string;
  data: D;
  /** 1 on the first try. */
  attempt: number;
  updateProgress(percent: number): Promise<void>;
}

export type Processor<D = unknown, R = unknown> = (job: JobContext<D>) => Promise<R>;

/** Throw this from a processor for failures a retry cannot fix: the job goes straight to failed. */
export class UnrecoverableJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnrecoverableJobError';
  }
}

export interface QueuePort {
  readonly kind: 'inline' | 'bullmq';
  enqueue(queue: QueueName, name: string, data: unknown, options?: JobOptions): Promise<string>;
  repeat(queue: QueueName, name: string, data: unknown, options: RepeatOptions): Promise<void>;
  removeRepeat(queue: QueueName, key: string): Promise<void>;
  /** Registers the processor for a queue and starts consuming it in this process. */
  process(queue: QueueName, processor: Processor): void;
  getJob(queue: QueueName, id: string): Promise<JobInfo | null>;
  /** The dead-letter list: jobs that used up their attempts or failed unrecoverably. */
  listFailed(queue: QueueName): Promise<JobInfo[]>;
  retryFailed(queue: QueueName, id: string): Promise<boolean>;
  /** Removes a job from the dead-letter list for good; false when it is not there. */
  discardFailed(queue: QueueName, id: string): Promise<boolean>;
  counts(queue: QueueName): Promise<QueueCounts>;
  /** Checks the backend answers (used by /health). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** What the adapters log through; a pino or Fastify logger fits as is. */
export interface QueueLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
