// Loading a plugin's handlers module. Installed plugins keep their files in the
// store; an engine (or worker) writes them under DATA_DIR/plugins/<name>@<version>
// and imports the module from there, so every replica runs the same code.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Decimal from 'decimal.js';
import { raiseAlert } from '../alerts/index';
import { documentsCollection } from '../documents/index';
import { AppError, DuplicateKeyError } from '../errors';
import { LEVELS, type LevelDoc } from '../inventory/index';
import type { Outbound } from '../queue/index';
import { fieldError } from '../messages/index';
import { addDays } from '../rules/index';
import type { PluginBundle } from './bundle';
import type { PluginApi, PluginContributions, PluginModule } from './define-plugin';
import { messageError } from '../messages/index';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The API one engine hands its plugins: their alerts notify and emit through that engine's channels. */
export function createPluginApi(outbound?: Outbound): PluginApi {
  return {
    AppError,
    Decimal,
    isDuplicateKey: (err) => err instanceof DuplicateKeyError,
    documents: documentsCollection,
    stockLevels: (store) => store.collection<LevelDoc>(LEVELS),
    raiseAlert: (store, input) => raiseAlert({ store, ...(outbound ? { outbound } : {}) }, input),
    addDays: (date, days) => addDays(date, days),
    businessDate: (at) => shanghaiDate.format(at),
  };
}

async function materialize(bundle: PluginBundle, root: string): Promise<string> {
  const dir = path.join(root, `${bundle.manifest.name}@${bundle.manifest.version}`);
  for (const [rel, text] of Object.entries(bundle.files)) {
    const file = path.join(dir, rel);
    // Bundles come from folders and archives whose paths were already checked; this is the last guard.
    if (!file.startsWith(dir + path.sep)) throw messageError('VALIDATION_FAILED.plugin_path_escapes', { path: rel });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

/**
 * The handlers compiled to one JavaScript module beside the plugin's files: the
 * engine runs as built JavaScript under plain Node (tools/start.js), which cannot
 * import a plugin's TypeScript, and a plugin's own relative imports come along.
 */
async function compileHandlers(dir: string, entry: string): Promise<string> {
  const outfile = path.join(dir, '.built', `${entry.replace(/\.[cm]?[jt]sx?$/, '')}.mjs`);
  const { build } = await import('esbuild');
  try {
    await build({
      entryPoints: [path.join(dir, entry)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
  } catch (err) {
    const errors = (err as { errors?: Array<{ text: string }> }).errors ?? [];
    // The compiler's own text (a file, a line, a token) is quoted as it is, in both languages.
    const reason = errors[0]?.text ?? String(err);
    throw messageError(
      'VALIDATION_FAILED.handlers_do_not_compile',
      { file: entry, reason },
      { errors: [fieldError('/manifest/handlers', 'VALIDATION_FAILED.compile_error', { reason })] },
    );
  }
  return outfile;
}

/** The plugin's contributions, or none when it has no handlers module. */
export async function loadHandlers(
  bundle: PluginBundle,
  pluginsDir: string,
  api: PluginApi = createPluginApi(),
): Promise<PluginContributions> {
  if (!bundle.manifest.handlers) return {};
  const dir = await materialize(bundle, pluginsDir);
  const built = await compileHandlers(dir, bundle.manifest.handlers);
  const loaded = (await import(pathToFileURL(built).href)) as { default?: unknown };
  if (typeof loaded.default !== 'function') {
    throw messageError(
      'VALIDATION_FAILED.handlers_without_default_export',
      { file: bundle.manifest.handlers },
      { errors: [fieldError('/manifest/handlers', 'VALIDATION_FAILED.no_define_plugin_export')] },
    );
  }
  return (loaded.default as PluginModule)(api);
}
