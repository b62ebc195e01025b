// Installed plugins (collection `plugins`, one record per plugin, _id = name).
import type { Store, StoredDoc } from '../store/index';
import type { PluginManifest } from './manifest';

export const PLUGINS_COLLECTION = 'plugins';

export interface PublishedDefinition {
  key: string;
  version: number;
  overlay: boolean;
}

export interface PluginRecord extends StoredDoc {
  name: string;
  version: string;
  manifest: PluginManifest;
  /** The plugin's files (an array: paths hold dots, which field names should not), so every replica can load its handlers. */
  files: Array<{ path: string; text: string }>;
  /** Set while the install is publishing (`definitions` grows as it goes); such a record is not loaded at start. */
  installing?: boolean;
  /** An upgrade under way: what it published so far, so an interrupted one can be taken back. */
  upgrading?: { version: string; startedAt: Date; definitions: PublishedDefinition[] };
  /** Uninstalled with archive: its definitions' last versions are archived (documents read-only); no handlers run. */
  archived?: boolean;
  archivedAt?: Date;
  definitions: PublishedDefinition[];
  /** What the last install or upgrade loaded from seed/. */
  seed?: { created: number; existing: number };
  installedAt: Date;
  installedBy: { id: string; username: string } | null;
  upgradedAt?: Date;
}

export interface PluginSummary {
  name: string;
  version: string;
  title: PluginManifest['title'];
  description?: PluginManifest['description'];
  definitions: PublishedDefinition[];
  installedAt: Date;
  upgradedAt?: Date;
  archived?: true;
  archivedAt?: Date;
  seed?: { created: number; existing: number };
}

export const pluginRecords = (store: Store) => store.collection<PluginRecord>(PLUGINS_COLLECTION);

export const summaryOfPlugin = (r: PluginRecord): PluginSummary => ({
  name: r.name,
  version: r.version,
  title: r.manifest.title,
  ...(r.manifest.description ? { description: r.manifest.description } : {}),
  definitions: r.definitions,
  installedAt: r.installedAt,
  ...(r.upgradedAt ? { upgradedAt: r.upgradedAt } : {}),
  ...(r.archived ? { archived: true as const, ...(r.archivedAt ? { archivedAt: r.archivedAt } : {}) } : {}),
  ...(r.seed ? { seed: r.seed } : {}),
});

export const filesToList = (files: Record<string, string>): PluginRecord['files'] =>
  Object.entries(files).map(([path, text]) => ({ path, text }));
export const filesFromList = (list: PluginRecord['files']): Record<string, string> =>
  Object.fromEntries(list.map((f) => [f.path, f.text]));
