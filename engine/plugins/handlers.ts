// Loading a plugin's handlers module. Installed plugins keep their files in the
// store; an engine (or worker) writes them under DATA_DIR/plugins/<name>@<version>
// and imports the module from there, so every replica runs the same code.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { raiseAlert } from '../alerts/service';
import { documentsCollection } from '../documents/document-record';
import { AppError } from '../errors';
import type { PluginBundle } from './bundle';
import type { PluginApi, PluginContributions, PluginModule } from './define-plugin';

export const pluginApi: PluginApi = { AppError, documents: documentsCollection, raiseAlert };

async function materialize(bundle: PluginBundle, root: string): Promise<string> {
  const dir = path.join(root, `${bundle.manifest.name}@${bundle.manifest.version}`);
  for (const [rel, text] of Object.entries(bundle.files)) {
    const file = path.join(dir, rel);
    // Bundles come from folders and archives whose paths were already checked; this is the last guard.
    if (!file.startsWith(dir + path.sep)) throw new AppError('VALIDATION_FAILED', `Plugin file path escapes its folder: ${rel}`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

/** The plugin's contributions, or none when it has no handlers module. */
export async function loadHandlers(bundle: PluginBundle, pluginsDir: string): Promise<PluginContributions> {
  if (!bundle.manifest.handlers) return {};
  const dir = await materialize(bundle, pluginsDir);
  const loaded = (await import(pathToFileURL(path.join(dir, bundle.manifest.handlers)).href)) as { default?: unknown };
  if (typeof loaded.default !== 'function') {
    throw new AppError('VALIDATION_FAILED', `${bundle.manifest.handlers} must export default definePlugin(...)`, {
      errors: [{ path: '/manifest/handlers', message: 'no default export made by definePlugin' }],
    });
  }
  return (loaded.default as PluginModule)(pluginApi);
}
