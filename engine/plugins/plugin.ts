// The 'plugins' service plugin: this engine's plugin runtime (app.pluginRuntime),
// with the handlers of every installed plugin loaded at start, before any route
// can run a transition that names their effects.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPluginRuntime, type PluginRuntime } from './runtime';
import { loadInstalledPlugins } from './service';

declare module 'fastify' {
  interface FastifyInstance {
    pluginRuntime: PluginRuntime;
  }
}

export interface PluginsPluginOptions {
  /** Where installed plugins' files are written to be loaded (DATA_DIR/plugins). */
  dataDir: string;
}

async function plugins(app: FastifyInstance, options: PluginsPluginOptions): Promise<void> {
  const runtime = createPluginRuntime(app.engine, path.resolve(options.dataDir, 'plugins'));
  app.decorate('pluginRuntime', runtime);
  const loaded = await loadInstalledPlugins(
    { store: app.store, registry: app.definitions },
    runtime,
    app.engine.clock(),
  );
  if (loaded.length > 0) app.log.info({ plugins: loaded }, 'plugin handlers loaded');
}

export const pluginsPlugin = fp(plugins, { name: 'plugins', dependencies: ['store', 'definitions'], fastify: '5.x' });
