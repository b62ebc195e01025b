// The alerts queue's jobs this capability adds: `stock-check` (the pairs one
// stock operation moved, enqueued as it finished, so low stock is raised within
// seconds; the periodic low-stock scan stays the safety net) and one scan job per
// alert kind (expiring batches, overdue deliveries).
import type { DefinitionRegistry } from '../definitions/index';
import type { JobContext, Outbound } from '../queue/index';
import { checkReplenishment } from '../replenishment/index';
import type { Store } from '../store/index';
import { ALERT_KINDS, type AlertKind } from './kinds';
import { STOCK_CHECK_JOB } from './stock-watch';

type Job = (job: JobContext) => Promise<unknown>;

export interface AlertJobDeps {
  store: Store;
  /** The engine's channels: alerts raised here notify and emit through them. */
  outbound?: Outbound;
  definitions: DefinitionRegistry;
  now: () => Date;
}

export function alertJobs(deps: AlertJobDeps, kinds: AlertKind[] = ALERT_KINDS): Record<string, Job> {
  return {
    [STOCK_CHECK_JOB]: async (job) => {
      const { pairs } = job.data as { pairs?: Array<{ product: string; warehouse: string }> };
      const outcomes: Record<string, number> = {};
      for (const pair of pairs ?? []) {
        const outcome = await checkReplenishment({
          store: deps.store,
          ...(deps.outbound ? { outbound: deps.outbound } : {}),
          definitions: deps.definitions,
          product: pair.product,
          warehouse: pair.warehouse,
          now: deps.now(),
        });
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
      return outcomes;
    },
    ...Object.fromEntries(
      kinds.map((kind) => [
        kind.job,
        async () => kind.scan({ store: deps.store, outbound: deps.outbound, now: deps.now() }),
      ]),
    ),
  };
}
