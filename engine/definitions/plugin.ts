// The 'definitions' service plugin: decorates the app with the engine's
// per-version registry (app.definitions is app.engine.definitions), creates its
// indexes, and loads (or upgrades) the built-in definitions at start.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { loadBuiltins } from './load-builtins';
import { recordLookupWatches } from './lookup-watches';
import type { DefinitionRegistry } from './registry';
import { ensureDefinitionIndexes } from './service';

declare module 'fastify' {
  interface FastifyInstance {
    definitions: DefinitionRegistry;
  }
}

export interface DefinitionsPluginOptions {
  /** Folder of built-in definition files; default `definitions/` at the repository root. */
  builtinsDir?: string;
}

async function definitions(app: FastifyInstance, options: DefinitionsPluginOptions): Promise<void> {
  const registry = app.engine.definitions;
  app.decorate('definitions', registry);
  await ensureDefinitionIndexes(app.store);
  const loaded = await loadBuiltins(app.store, registry, options.builtinsDir);
  if (loaded.published.length > 0) app.log.info({ published: loaded.published }, 'built-in definitions published');
  // Warm the cache: the first request of each type should not pay for compiling it.
  const latest = await registry.allLatest();
  // Who counts whom is written at publish; a store whose definitions were published
  // before that (an upgrade) gets it here, so their bounds over another type hold.
  for (const compiled of latest) if (compiled.crossCounters.length > 0) await recordLookupWatches(app.store, compiled);
}

export const definitionsPlugin = fp(definitions, { name: 'definitions', dependencies: ['store'], fastify: '5.x' });
