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
  /** Set while the install is publishing; such a record is not loaded at start. */
  installing?: boolean;
  definitions: PublishedDefinition[];
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
});

export const filesToList = (files: Record<string, string>): PluginRecord['files'] =>
  Object.entries(files).map(([path, text]) => ({ path, text }));
export const filesFromList = (list: PluginRecord['files']): Record<string, string> =>
  Object.fromEntries(list.map((f) => [f.path, f.text]));
