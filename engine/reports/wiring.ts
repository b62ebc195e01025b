// Builds the dependencies the reports service and its processor share.
import type { QueuePort } from '../queue/index';
import type { Store } from '../store/index';
import type { ReportCatalog } from './catalog';
import type { ReportsDeps } from './service';

export function routesOptions(input: {
  store: Store;
  queue: QueuePort;
  catalog: ReportCatalog;
  retentionHours: number;
  now?: () => Date;
}): ReportsDeps {
  return {
    store: input.store,
    queue: input.queue,
    catalog: input.catalog,
    now: input.now ?? (() => new Date()),
    retentionMs: input.retentionHours * 3_600_000,
  };
}
