// Public surface of the plugins capability.
export type { EffectContext } from '../documents/index';
export type { StoredDoc } from '../store/index';
export {
  definePlugin,
  type PluginApi,
  type PluginJobContext,
  type PluginContributions,
  type PluginEffect,
  type PluginAlertKind,
  type PluginReportKind,
  type PluginModule,
} from './define-plugin';
export { parseManifest, ENGINE_VERSION, type PluginManifest } from './manifest';
export { mergeOverlay, pluginDefinitions } from './plugin-definitions';
export { readPluginFolder, bundleFromFiles, type PluginBundle } from './bundle';
export { packPlugin, readPluginArchive, readPluginSource } from './archive';
export { installPlugin, upgradePlugin, listPlugins, loadInstalledPlugins, type PluginContext } from './service';
export { uninstallPlugin, type UninstallResult } from './uninstall';
export { loadSeed, seedEntries, seedId, type SeedResult } from './seed';
export { withPluginSync } from './sync';
export { createPluginRuntime, type PluginRuntime } from './runtime';
export { pluginsPlugin } from './plugin';
export { pluginRoutes } from './routes';
