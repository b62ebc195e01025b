// The alerts queue's `stock-check` job: the pairs one stock operation moved,
// enqueued as it finished (alerts/stock-watch.ts), so low stock is raised within
// seconds; the periodic low-stock scan stays the safety net. It is replenishment's
// job, registered by the engine context, so alerts (below replenishment, which
// raises alerts) does not import replenishment (docs/architecture.md, "Module map").
import type { DefinitionRegistry } from '../definitions/index';
import type { JobContext, Outbound } from '../queue/index';
import type { Store } from '../store/index';
import { checkReplenishment } from './check';

export interface StockCheckDeps {
  store: Store;
  /** The engine's channels: alerts raised here notify and emit through them. */
  outbound?: Outbound;
  definitions: DefinitionRegistry;
  now: () => Date;
}

export function stockCheckJob(deps: StockCheckDeps): (job: JobContext) => Promise<Record<string, number>> {
  return async (job) => {
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
  };
}
