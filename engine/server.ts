// Boots the engine: config → store → queue → app → listen. Configuration errors
// stop start-up with one line naming the variable and no stack trace.
import pino, { type LoggerOptions } from 'pino';
import { buildApp, loggerOptions } from './app';
import { bootstrapAdmin } from './auth/index';
import { loadConfig } from './config';
import { AppError, ConfigError } from './errors';
import { processorsOf, registerProcessors } from './context/index';
import { openQueue } from './queue/index';
import { acquireStoreLease, openStore } from './store/index';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino(loggerOptions(config) as LoggerOptions);
  const opened = await openStore(config);
  let store = opened;
  let queue;
  try {
    // Before any write: on FerretDB a second engine must stop here (store/lease.ts).
    if (store.singleWriter) {
      const lease = await acquireStoreLease(store, {
        ttlMs: config.storeLeaseMs,
        onLost: (reason) => {
          logger.fatal({ reason }, 'store lease lost: stopping so two engines never write one FerretDB store');
          process.exit(3);
        },
      });
      // Given up as the store closes, after in-flight requests, so the next engine starts at once.
      store = {
        ...opened,
        close: async () => {
          await lease.release().catch(() => undefined);
          await opened.close();
        },
      };
    }
    // With Redis, jobs run in `npm run workers`; the engine only enqueues. Except on
    // FerretDB: the lease admits one writing process, so this engine runs them itself.
    queue = await openQueue({ config, store, runWorkers: store.singleWriter === true, logger });
  } catch (err) {
    await store.close();
    throw err;
  }
  const app = await buildApp({ config, store, queue, loggerInstance: logger });
  // (The inline queue's processors are registered by buildApp.)
  if (queue.kind === 'bullmq' && store.singleWriter) {
    const queues = registerProcessors(queue, processorsOf(app.engine));
    logger.info({ queues }, 'FerretDB store: this engine runs the jobs itself (npm run workers is refused here)');
  }
  const admin = await bootstrapAdmin(store, config);
  if (admin?.password) {
    // Printed once, on first start only: the password is not stored in clear anywhere.
    process.stdout.write(
      `\nFirst start: created admin user "${admin.username}" with password: ${admin.password}\nChange it after logging in.\n\n`,
    );
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || (err instanceof AppError && err.code === 'STORE_LOCKED')) {
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(2);
  }
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`Configuration error: PORT: address already in use (${(err as Error).message})\n`);
    process.exit(2);
  }
  process.stderr.write(`Start-up failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
