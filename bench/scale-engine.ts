// The engine as engine/server.ts starts it (config → store → queue → app →
// listen), with rate limits out of reach, for bench/scale.ts: one client sending
// thousands of requests a minute is the benchmark, not an attack.
import { buildApp } from '../engine/app';
import { bootstrapAdmin } from '../engine/auth/index';
import { loadConfig } from '../engine/config';
import { openQueue } from '../engine/queue/index';
import { openStore } from '../engine/store/index';

const config = loadConfig();
const store = await openStore(config);
const queue = await openQueue({ config, store, runWorkers: false });
const app = await buildApp({ config, store, queue, rateLimits: { global: false, auth: false, notFound: false } });
await bootstrapAdmin(store, config);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
await app.listen({ port: config.port, host: config.host });
