// The alerts queue's jobs this capability adds: one scan job per alert kind
// (expiring batches, overdue deliveries). The `stock-check` job that
// alerts/stock-watch.ts enqueues is replenishment's (replenishment/stock-check-job.ts).
import type { JobContext, Outbound } from '../queue/index';
import type { Store } from '../store/index';
import { ALERT_KINDS, type AlertKind } from './kinds';

type Job = (job: JobContext) => Promise<unknown>;

export interface AlertJobDeps {
  store: Store;
  /** The engine's channels: alerts raised here notify and emit through them. */
  outbound?: Outbound;
  now: () => Date;
}

export function alertJobs(deps: AlertJobDeps, kinds: AlertKind[] = ALERT_KINDS): Record<string, Job> {
  return Object.fromEntries(
    kinds.map((kind) => [
      kind.job,
      async () => kind.scan({ store: deps.store, outbound: deps.outbound, now: deps.now() }),
    ]),
  );
}
