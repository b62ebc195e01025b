// Types only: erased at run time, so the installed copy of this folder runs
// wherever the engine unpacks it.
export type {
  EffectContext,
  PluginApi,
  PluginContributions,
  PluginEffect,
  PluginJobContext,
  PluginModule,
  StoredDoc,
} from '../../../engine/plugins/index';

export type Data = Record<string, unknown>;

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const lines = (data: Data, field = 'lines'): Data[] =>
  Array.isArray(data[field])
    ? (data[field] as unknown[]).filter((l): l is Data => typeof l === 'object' && l !== null)
    : [];
