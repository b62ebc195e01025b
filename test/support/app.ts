// Builds a real engine for API tests: a real store (embedded in a temp dir, or
// MongoDB/FerretDB when `mongoUri` is given), the inline queue, and the same
// plugin tree as production. Listen on port 0 for real-HTTP tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../engine/app';
import { bootstrapAdmin } from '../../engine/auth/bootstrap-admin';
import { loadConfig, type Config } from '../../engine/config';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { openMongoStore } from '../../engine/store/mongodb/index';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';

export const TEST_ADMIN = { username: 'admin', password: 'Admin-Test-Pass-2026' };

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(options: { mongoUri?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'jxc-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const store = options.mongoUri
    ? await openMongoStore({ uri: options.mongoUri, dbName: `test_${newId()}` })
    : await openEmbeddedStore({ dataDir, fsync: false });
  const queue = createInlineQueue({ store });
  const app = await buildApp({ config, store, queue });
  await bootstrapAdmin(store, config);
  await app.ready();
  return {
    app,
    store,
    config,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
