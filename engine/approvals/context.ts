// What the approval services need, passed explicitly so tests and workers can
// supply their own clock.
import type { DefinitionRegistry } from '../definitions/registry';
import type { EffectLogger } from '../documents/effects';
import type { DocumentServices } from '../documents/services';
import type { Store } from '../store/types';

export interface ApprovalContext {
  store: Store;
  registry: DefinitionRegistry;
  now: () => Date;
  log: EffectLogger;
  /** The engine's effects, approval seam and fault points. */
  engine: DocumentServices;
}
