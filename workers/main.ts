// `npm run workers`: runs every registered processor on BullMQ. Needs REDIS_URL
// and MONGODB_URI (the store the engines share; the embedded store belongs to
// one engine process); without REDIS_URL the engine runs jobs itself. It builds
// the same engine context as the web app (engine/context), so a job that runs a
// transition has the same effects, phases and approval seam.
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../engine/config';
import { ConfigError } from '../engine/errors';
import { openBullmqQueue } from '../engine/queue/index';
import { openStore, type Store } from '../engine/store/index';
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
  await engine.start();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
