// What the documents engine needs from the engine it runs in (engine/context):
// handed to every change, effect handler and sweep, so a worker process and the
// web app run a transition with the same effects, phases and approval seam.
import type { DefinitionRegistry } from '../definitions/index';
import type { FaultSeam } from '../faults/index';
import type { Outbound, QueuePort } from '../queue/index';
import type { Store } from '../store/index';
import type { ApprovalHooks } from './approval-seam';
import type { EffectRegistry } from './effects';
import type { KeyedBatches, SharedLoads } from './keyed-batches';

export interface DocumentServices {
  store: Store;
  queue: QueuePort;
  definitions: DefinitionRegistry;
  effects: EffectRegistry;
  approvals: ApprovalHooks;
  faults: FaultSeam;
  /** The engine's clock (tests inject one). */
  clock: () => Date;
  /** Where new notices, webhook events and stock moves go next (none in a bare engine). */
  outbound?: Outbound;
  /** Batches per lookup counter, so concurrent changes of one counter do not retry each other (keyed-batches.ts). */
  counterBatches?: KeyedBatches;
  /** Counter loads in flight, shared by the guards that read one counter at once (counter-figures.ts). */
  counterLoads?: SharedLoads;
}
