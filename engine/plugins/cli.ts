// npm run plugin -- list | install PATH | upgrade PATH | uninstall NAME [--archive] | pack DIR [OUT_DIR]
//
// The CLI opens the store itself and builds the engine without listening (as
// server.ts does), so it runs the very service the API runs — same linter,
// publishing, audit — and works before the first start or with no admin
// password at hand. With the embedded store the running engine holds DATA_DIR's
// lock: stop it, or use POST /api/plugins with the packed archive.
// PATH is a plugin folder or a .tgz made by `pack`.
import pino from 'pino';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { AppError, ConfigError } from '../errors';
import { openQueue } from '../queue/index';
import { openStore } from '../store/index';
import { packPlugin, readPluginSource } from './archive';
import { installPlugin, listPlugins, upgradePlugin, type PluginContext } from './service';
import { uninstallPlugin } from './uninstall';

const USAGE =
  'usage: npm run plugin -- list | install PATH | upgrade PATH | uninstall NAME [--archive] | pack DIR [OUT_DIR]';
const CLI_ACTOR = { id: 'cli', username: 'cli' };

function describeError(err: unknown): string {
  if (!(err instanceof AppError)) return err instanceof Error ? err.message : String(err);
  return [err.message, ...(err.errors ?? []).map((e) => `  ${e.path || '/'}: ${e.message}`)].join('\n');
}

async function withEngine<T>(work: (ctx: PluginContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = pino({ level: 'warn' });
  const store = await openStore(config);
  try {
    const queue = await openQueue({ config, store, runWorkers: false, logger });
    const app = await buildApp({ config, store, queue, loggerInstance: logger });
    try {
      await app.ready();
      return await work({
        store,
        registry: app.definitions,
        runtime: app.pluginRuntime,
        faults: app.engine.faults,
        actor: CLI_ACTOR,
        now: app.engine.clock(),
      });
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

async function run([command, arg, out]: string[]): Promise<string> {
  if (command === 'pack' && arg) return `packed ${await packPlugin(arg, out)}`;
  if (command === 'list') {
    const plugins = await withEngine((ctx) => listPlugins(ctx.store));
    return plugins.length === 0
      ? 'no plugins installed'
      : plugins
          .map(
            (p) =>
              `${p.name}@${p.version}  ${p.title['zh-CN']} / ${p.title.en}  (${p.definitions.map((d) => `${d.key}@${d.version}`).join(', ')})`,
          )
          .join('\n');
  }
  if ((command === 'install' || command === 'upgrade') && arg) {
    const bundle = await readPluginSource(arg);
    const result = await withEngine((ctx) =>
      command === 'install' ? installPlugin(ctx, bundle) : upgradePlugin(ctx, bundle),
    );
    return `${command === 'install' ? 'installed' : 'upgraded'} ${result.name}@${result.version}: ${result.definitions.map((d) => `${d.key}@${d.version}${d.overlay ? ' (overlay)' : ''}`).join(', ')}`;
  }
  if (command === 'uninstall' && arg) {
    const archive = out === '--archive';
    if (out !== undefined && !archive) throw new ConfigError('arguments', USAGE);
    const result = await withEngine((ctx) => uninstallPlugin(ctx, arg, { archive }));
    return result.archived
      ? `uninstalled ${result.name}@${result.version}, documents kept read-only: ${(result.definitions ?? []).map((d) => `${d.key}@${d.version} (${d.documents})`).join(', ')}`
      : `uninstalled ${result.name}@${result.version}`;
  }
  throw new ConfigError('arguments', USAGE);
}

try {
  console.log(await run(process.argv.slice(2)));
  process.exit(0);
} catch (err) {
  console.error(`plugin ${process.argv[2] ?? ''} failed: ${describeError(err)}`);
  if (!(err instanceof AppError || err instanceof ConfigError) && err instanceof Error && err.stack)
    console.error(err.stack);
  process.exit(1);
}
