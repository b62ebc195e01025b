// One runtime per engine: where the plugins' contributions are applied and which
// plugins are loaded. Effects go to the documents engine's effect registry through
// this one adapter; alert and report kinds are kept here for the workers.
import { registerEffect, unregisterEffect } from '../documents/effects';
import { BUILTIN_EFFECTS } from '../definitions/types';
import type { PluginBundle } from './bundle';
import { applyContributions, withdrawContributions, type ContributionTarget, type PluginAlertKind, type PluginContributions, type PluginReportKind } from './define-plugin';
import { loadHandlers } from './handlers';

export interface PluginRuntime {
  readonly alerts: Map<string, PluginAlertKind>;
  readonly reports: Map<string, PluginReportKind>;
  /** Loads and applies a plugin's handlers (replacing what an earlier version of it contributed). */
  load(bundle: PluginBundle): Promise<void>;
  unload(name: string): void;
  loaded(): string[];
}

export function effectRegistryTarget(alerts: Map<string, PluginAlertKind>, reports: Map<string, PluginReportKind>): ContributionTarget {
  return {
    registerEffect: (name, e) => registerEffect(name, e.handler, { ...(e.phase ? { phase: e.phase } : {}), ...(e.compensate ? { compensate: e.compensate } : {}) }),
    unregisterEffect,
    alerts,
    reports,
  };
}

export function createPluginRuntime(pluginsDir: string): PluginRuntime {
  const alerts = new Map<string, PluginAlertKind>();
  const reports = new Map<string, PluginReportKind>();
  const target = effectRegistryTarget(alerts, reports);
  const contributions = new Map<string, PluginContributions>();
  const unload = (name: string) => {
    const c = contributions.get(name);
    if (c) withdrawContributions(target, c);
    contributions.delete(name);
  };
  return {
    alerts,
    reports,
    async load(bundle) {
      const next = await loadHandlers(bundle, pluginsDir);
      unload(bundle.manifest.name);
      // Only the engine's own effects are off limits: the same plugin loaded by a second engine in this process re-registers its own.
      applyContributions(target, bundle.manifest.name, next, (name) => (BUILTIN_EFFECTS as readonly string[]).includes(name));
      contributions.set(bundle.manifest.name, next);
    },
    unload,
    loaded: () => [...contributions.keys()],
  };
}
