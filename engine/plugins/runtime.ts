// One runtime per engine: applies plugins' contributions to that engine's
// registries (engine/context) and remembers what each plugin added, so an upgrade
// replaces and an uninstall removes exactly that. Alert kinds become `alerts`
// queue jobs scheduled daily; report kinds join the engine's report registry.
// A plugin installed while the engine runs has its schedules put on the queue at
// once (`schedule`); another process of the same deployment (`npm run workers`)
// catches up with `sync` before it runs a job.
import type { EngineContext } from '../context/index';
import type { Cell, ReportResult } from '../reports/index';
import type { PluginBundle } from './bundle';
import {
  applyContributions,
  withdrawContributions,
  type ContributionTarget,
  type PluginAlertKind,
  type PluginContributions,
  type PluginReportKind,
} from './define-plugin';
import { createPluginApi, loadHandlers } from './handlers';
import { filesFromList, pluginRecords } from './records';

export interface PluginRuntime {
  /** The loaded plugins' own alert and report kinds (with their run functions), by name. */
  readonly alerts: Map<string, PluginAlertKind>;
  readonly reports: Map<string, PluginReportKind>;
  /** Loads and applies a plugin's handlers (replacing what an earlier version of it contributed). */
  load(bundle: PluginBundle): Promise<void>;
  unload(name: string): void;
  loaded(): string[];
  /** The alert kinds (hence scheduled jobs) a loaded plugin contributes. */
  alertNames(name: string): string[];
  /** Puts a loaded plugin's schedules on the queue now (engine.start() does it for those loaded at start). */
  schedule(name: string): Promise<void>;
  /** Takes schedules off the queue (alert kinds an uninstall or upgrade dropped). */
  unschedule(alertNames: string[]): Promise<void>;
  /** Loads what the store says is installed and this engine does not run yet (another process installed or upgraded it); unloads what is gone. */
  sync(): Promise<void>;
}

/** Alert scans run once a day at 07:00 (before the shop opens) as repeatable jobs, so a cluster runs each once. */
const ALERT_CRON = '0 7 * * *';

export function engineTarget(
  engine: EngineContext,
  alerts: Map<string, PluginAlertKind>,
  reports: Map<string, PluginReportKind>,
): ContributionTarget {
  return {
    registerEffect: (name, e) =>
      engine.effects.register(name, e.handler, {
        ...(e.phase ? { phase: e.phase } : {}),
        ...(e.compensate ? { compensate: e.compensate } : {}),
      }),
    unregisterEffect: (name) => engine.effects.unregister(name),
    registerAlert(name, kind) {
      alerts.set(name, kind);
      engine.alertKinds.register(name, { title: kind.title, job: name });
      // Jobs cannot be removed, so the job looks the kind up when it runs: after an uninstall it does nothing.
      if (!engine.jobs.get('alerts', name)) {
        engine.jobs.register(
          'alerts',
          name,
          async (_job, e) => alerts.get(name)?.run({ store: e.store, now: e.clock() }) ?? 0,
        );
      }
      engine.schedules.register({ queue: 'alerts', name, cron: ALERT_CRON });
    },
    unregisterAlert(name) {
      alerts.delete(name);
      engine.alertKinds.unregister(name);
      engine.schedules.unregister('alerts', name);
    },
    registerReport(name, kind) {
      reports.set(name, kind);
      // A plugin report returns plain rows; the reports capability wants columns and cells.
      engine.reportKinds.register(name, {
        key: name,
        title: kind.title,
        params: kind.params ?? { type: 'object' },
        roles: kind.roles ?? [],
        run: async (ctx, params) => {
          const rows = await kind.run({ store: ctx.store, now: ctx.now }, params);
          return pluginReportResult(rows);
        },
      });
    },
    unregisterReport(name) {
      reports.delete(name);
      engine.reportKinds.unregister(name);
    },
    isTaken: (kind, name) =>
      kind === 'effect'
        ? engine.effects.isKnown(name)
        : kind === 'alert'
          ? engine.alertKinds.has(name)
          : engine.reportKinds.has(name),
  };
}

export function createPluginRuntime(engine: EngineContext, pluginsDir: string): PluginRuntime {
  const alerts = new Map<string, PluginAlertKind>();
  const reports = new Map<string, PluginReportKind>();
  const target = engineTarget(engine, alerts, reports);
  const api = createPluginApi(engine.outbound);
  const contributions = new Map<string, PluginContributions>();
  /** The version each loaded plugin runs (sync compares it with the store). */
  const versions = new Map<string, string>();
  const unload = (name: string) => {
    const c = contributions.get(name);
    if (c) withdrawContributions(target, c);
    contributions.delete(name);
    versions.delete(name);
  };
  const alertNames = (name: string) => Object.keys(contributions.get(name)?.alerts ?? {});
  const runtime: PluginRuntime = {
    alerts,
    reports,
    async load(bundle) {
      const next = await loadHandlers(bundle, pluginsDir, api);
      const previous = contributions.get(bundle.manifest.name);
      unload(bundle.manifest.name);
      try {
        applyContributions(target, bundle.manifest.name, next);
      } catch (err) {
        // applyContributions checks every name before applying any: put the previous version back.
        if (previous) {
          applyContributions(target, bundle.manifest.name, previous);
          contributions.set(bundle.manifest.name, previous);
        }
        throw err;
      }
      contributions.set(bundle.manifest.name, next);
      versions.set(bundle.manifest.name, bundle.manifest.version);
    },
    unload,
    loaded: () => [...contributions.keys()],
    alertNames,
    async schedule(name) {
      for (const alert of alertNames(name))
        await engine.queue.repeat('alerts', alert, {}, { key: alert, cron: ALERT_CRON });
    },
    async unschedule(names) {
      for (const alert of names) await engine.queue.removeRepeat('alerts', alert);
    },
    async sync() {
      const installed = await pluginRecords(engine.store).find(
        { installing: { $ne: true }, archived: { $ne: true } },
        { projection: { version: 1 } },
      );
      const current = new Map(installed.map((p) => [p._id, p.version]));
      for (const name of [...contributions.keys()]) if (!current.has(name)) unload(name);
      for (const [name, version] of current) {
        if (versions.get(name) === version) continue;
        const record = await pluginRecords(engine.store).findById(name);
        if (record) await runtime.load({ manifest: record.manifest, files: filesFromList(record.files) });
      }
    },
  };
  return runtime;
}

/** Columns from the rows' keys (first appearance order); cells that are not text or numbers become text. */
function pluginReportResult(rows: Array<Record<string, unknown>>): ReportResult {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return {
    columns: keys.map((key) => ({
      key,
      title: { 'zh-CN': key, en: key },
      type: rows.some((row) => typeof row[key] === 'number') ? 'number' : 'text',
    })),
    rows: rows.map((row) => ({
      values: Object.fromEntries(keys.map((key) => [key, toCell(row[key])])),
    })),
  };
}

function toCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}
