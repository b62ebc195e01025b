// Effect handlers and queue jobs receive a store, not the Fastify app, and may run
// in a worker process without one. They find the definitions registry here: the
// engine's own (shared cache) when the app registered it, else one made for the
// store on first use. Keyed by store, so test processes holding several engines
// never mix them up.
import { createRegistry, type DefinitionRegistry } from '../definitions/registry';
import type { Store } from '../store/types';

const registries = new WeakMap<Store, DefinitionRegistry>();

export function useDefinitions(store: Store, registry: DefinitionRegistry): void {
  registries.set(store, registry);
}

export function definitionsFor(store: Store): DefinitionRegistry {
  let registry = registries.get(store);
  if (!registry) {
    registry = createRegistry(store);
    registries.set(store, registry);
  }
  return registry;
}
