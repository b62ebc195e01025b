// What the approval services need, passed explicitly so tests and workers can
// supply their own clock.
import type { DefinitionRegistry } from '../definitions/index';
import type { EffectLogger, DocumentServices } from '../documents/index';
import type { Store } from '../store/index';

export interface ApprovalContext {
  store: Store;
  registry: DefinitionRegistry;
  now: () => Date;
  log: EffectLogger;
  /** The engine's effects, approval seam and fault points. */
  engine: DocumentServices;
}
