// `npm run workers`: runs every registered processor on BullMQ. Needs REDIS_URL
// and MONGODB_URI (the store the engines share; the embedded store belongs to
// one engine process); without REDIS_URL the engine runs jobs itself. On FerretDB
// only one process may write the store (store/lease.ts), so the workers take the
// store lease like an engine, and the engine there runs the jobs itself. It builds
// the same engine context as the web app (engine/context), so a job that runs a
// transition has the same effects, phases and approval seam.
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../engine/config';
import { AppError, ConfigError } from '../engine/errors';
import { openBullmqQueue } from '../engine/queue/index';
import { acquireStoreLease, openStore, type Store } from '../engine/store/index';
import { createEngine } from '../engine/context/index';
import { createPluginRuntime, loadInstalledPlugins, withPluginSync } from '../engine/plugins/index';
import { buildProcessors, registerProcessors } from './registry';

function configOrExit(): Config & { redisUrl: string; mongodbUri: string } {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Invalid configuration: ${err.message}`);
    process.exit(1);
  }
  if (!config.redisUrl) {
    console.error(
      'REDIS_URL: required by npm run workers (e.g. redis://127.0.0.1:6379); without it the engine runs jobs itself',
    );
    process.exit(1);
  }
  if (!config.mongodbUri) {
    console.error(
      'MONGODB_URI: required by npm run workers (the store the engines share, e.g. mongodb://127.0.0.1:27017/jinxiaocun)',
    );
    process.exit(1);
  }
  return { ...config, redisUrl: config.redisUrl, mongodbUri: config.mongodbUri };
}

/** The one line a workers process refused by the FerretDB store lease prints. */
function leaseRefusal(err: AppError): string {
  const holder = (err.extra?.holder ?? {}) as { role?: string; host?: string; pid?: number };
  const who = `${holder.host ?? '?'}, pid ${holder.pid ?? '?'}`;
  if (holder.role === 'workers')
    return `MONGODB_URI: another npm run workers (${who}) is using this FerretDB store; one process may write a FerretDB store, so stop this one.`;
  return (
    `MONGODB_URI: an engine (${who}) is using this FerretDB store; on FerretDB the engine runs the jobs itself, ` +
    'so npm run workers is not needed (to run workers apart from the engines, use MongoDB 6/7).'
  );
}

/**
 * On FerretDB (store.singleWriter) the workers hold the store lease while they run,
 * exactly as an engine does: a job's guarded writes beside an engine's would oversell.
 */
async function withStoreLease(store: Store, config: Config, logger: pino.Logger): Promise<Store> {
  if (!store.singleWriter) return store;
  try {
    const lease = await acquireStoreLease(store, {
      role: 'workers',
      ttlMs: config.storeLeaseMs,
      onLost: (reason) => {
        logger.fatal({ reason }, 'store lease lost: stopping so two processes never write one FerretDB store');
        process.exit(3);
      },
    });
    return {
      ...store,
      close: async () => {
        await lease.release().catch(() => undefined);
        await store.close();
      },
    };
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'STORE_LOCKED')) throw err;
    console.error(leaseRefusal(err));
    await store.close().catch(() => undefined);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = pino({ name: 'workers', level: config.logLevel });
  let store: Store;
  try {
    store = await openStore(config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  store = await withStoreLease(store, config, logger);
  const queue = await openBullmqQueue({ redisUrl: config.redisUrl, runWorkers: true, logger });
  const engine = createEngine({ config, store, queue, log: logger });
  // Installed plugins' effects, alert and report kinds, as the web app loads them.
  const runtime = createPluginRuntime(engine, path.resolve(config.dataDir, 'plugins'));
  const loaded = await loadInstalledPlugins({ store, registry: engine.definitions }, runtime, engine.clock());
  if (loaded.length > 0) logger.info({ plugins: loaded }, 'plugin handlers loaded');
  // A plugin installed or upgraded through the web app meanwhile is loaded before the next job runs.
  const queues = registerProcessors(queue, withPluginSync(buildProcessors(engine), runtime));
  let stopping = false;
  // Handlers go in before anything is logged, so a signal never finds the process unprepared.
  async function stop(signal: NodeJS.Signals): Promise<void> {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for active jobs');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: waiting for active jobs to finish');
    try {
      await queue.close();
      await store.close();
      logger.info({}, 'workers stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'workers did not close cleanly');
      process.exit(1);
    }
  }
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
  if (queues.length === 0) logger.warn({}, 'no processors are registered yet; waiting for nothing');
  else logger.info({ queues }, 'workers started');
  if (!(await queue.ping())) logger.warn({}, 'Redis does not answer yet; workers wait for it');
  // Stable keys: the engines registering the same schedules keep one of each.
  try {
    await engine.start();
  } catch (err) {
    // A signal during start-up closes the queue under engine.start(); stop() exits on its own.
    if (stopping) return;
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
