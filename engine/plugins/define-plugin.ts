// The typed API a plugin's handlers module uses: `export default definePlugin({...})`.
// A plugin only describes what it contributes; the engine applies the
// contributions to its own registries (applyContributions), so a plugin never
// touches module-level state and its hooks sit beside the engine's, never
// replacing them.
import type { RaiseInput } from '../alerts/index';
import type { DocumentRecord } from '../documents/index';
import type { EffectHandler, EffectPhase } from '../documents/index';
import type { LocalizedText } from '../definitions/index';
import type Decimal from 'decimal.js';
import type { AppError } from '../errors';
import type { LevelDoc } from '../inventory/index';
import type { Collection, Store } from '../store/index';

export interface PluginEffect {
  handler: EffectHandler;
  /** Default `before-commit` (may refuse with a 422). */
  phase?: EffectPhase;
  compensate?: EffectHandler;
}

export interface PluginJobContext {
  store: Store;
  now: Date;
}

/** An alert kind: one run raises (idempotently) the alerts that hold now; returns how many were new. */
export interface PluginAlertKind {
  title: LocalizedText;
  run(ctx: PluginJobContext): Promise<number>;
}

/** A report kind: rows for the given parameters (JSON; the reports capability renders other formats). */
export interface PluginReportKind {
  title: LocalizedText;
  /** JSON Schema of the parameters (default: any object). */
  params?: Record<string, unknown>;
  /** Roles that may run it besides admin. */
  roles?: string[];
  run(ctx: PluginJobContext, params: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
}

export interface PluginContributions {
  effects?: Record<string, PluginEffect>;
  alerts?: Record<string, PluginAlertKind>;
  reports?: Record<string, PluginReportKind>;
}

/**
 * What the engine hands a plugin's handlers: the few engine functions they may
 * call. Plugins import only types from the engine, so a packed plugin runs from
 * wherever the engine unpacks it.
 */
export interface PluginApi {
  AppError: typeof AppError;
  /** decimal.js, for exact money sums. */
  Decimal: typeof Decimal;
  isDuplicateKey(err: unknown): boolean;
  documents(store: Store, type: string): Collection<DocumentRecord>;
  /** Stock levels (product × warehouse × batch, with expiry). */
  stockLevels(store: Store): Collection<LevelDoc>;
  raiseAlert(store: Store, input: RaiseInput): Promise<boolean>;
  /** `YYYY-MM-DD` plus whole days (null for a bad date). */
  addDays(date: string, days: number): string | null;
  /** The business date of an instant (Asia/Shanghai), `YYYY-MM-DD`. */
  businessDate(at: Date): string;
}

export type PluginModule = (api: PluginApi) => PluginContributions;

/** `export default definePlugin((api) => ({ effects: {...}, alerts: {...} }))`. */
export function definePlugin(module: PluginModule): PluginModule {
  return module;
}

/** What the engine offers to apply contributions to (its registries). */
export interface ContributionTarget {
  registerEffect(name: string, effect: PluginEffect): void;
  unregisterEffect(name: string): void;
  registerAlert(name: string, kind: PluginAlertKind): void;
  unregisterAlert(name: string): void;
  registerReport(name: string, kind: PluginReportKind): void;
  unregisterReport(name: string): void;
  isTaken(kind: 'effect' | 'alert' | 'report', name: string): boolean;
}

/** Applies a plugin's contributions; a name the engine already has is an error, checked before anything is applied. */
export function applyContributions(target: ContributionTarget, pluginName: string, c: PluginContributions): void {
  const taken = [
    ...Object.keys(c.effects ?? {})
      .filter((n) => target.isTaken('effect', n))
      .map((n) => `effect "${n}"`),
    ...Object.keys(c.alerts ?? {})
      .filter((n) => target.isTaken('alert', n))
      .map((n) => `alert kind "${n}"`),
    ...Object.keys(c.reports ?? {})
      .filter((n) => target.isTaken('report', n))
      .map((n) => `report kind "${n}"`),
  ];
  if (taken.length > 0) throw new Error(`plugin ${pluginName}: ${taken.join(', ')} already registered`);
  for (const [name, effect] of Object.entries(c.effects ?? {})) target.registerEffect(name, effect);
  for (const [name, kind] of Object.entries(c.alerts ?? {})) target.registerAlert(name, kind);
  for (const [name, kind] of Object.entries(c.reports ?? {})) target.registerReport(name, kind);
}

/** Removes what `c` contributed. */
export function withdrawContributions(target: ContributionTarget, c: PluginContributions): void {
  for (const name of Object.keys(c.effects ?? {})) target.unregisterEffect(name);
  for (const name of Object.keys(c.alerts ?? {})) target.unregisterAlert(name);
  for (const name of Object.keys(c.reports ?? {})) target.unregisterReport(name);
}
