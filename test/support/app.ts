// Builds a real engine for API tests: a real store (embedded in a temp dir, or
// MongoDB/FerretDB when `mongoUri` is given), the inline queue, and the same
// plugin tree as production. Listen on port 0 for real-HTTP tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../engine/app';
import { bootstrapAdmin } from '../../engine/auth/bootstrap-admin';
import { loadConfig, type Config } from '../../engine/config';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { openMongoStore } from '../../engine/store/mongodb/index';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import type { QueuePort } from '../../engine/queue/types';

export const TEST_ADMIN = { username: 'admin', password: 'Admin-Test-Pass-2026' };

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  mongoUri?: string;
  /** An existing DATA_DIR (e.g. one a CLI wrote); kept on close. Default: a fresh temp dir, removed on close. */
  dataDir?: string;
  env?: Record<string, string>;
  /** Clock, lockout policy, sleep (see engine/auth/context.ts). */
  auth?: BuildAppOptions['auth'];
  /** The engine's own clock (business dates, alerts, reports), leaving auth on its own. */
  clock?: BuildAppOptions['clock'];
  /** Defaults to limits high enough that feature tests are never throttled; auth tests pass real ones. */
  rateLimits?: BuildAppOptions['rateLimits'];
  logger?: BuildAppOptions['logger'];
  /** The queue adapter (default: the inline queue on the test's store). */
  queue?: (store: Store) => QueuePort;
  /** Runs before app.ready(): add test-only routes here. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

/** Rate limits for tests of other features: still on, never reached. */
export const RELAXED_RATE_LIMITS = {
  global: { max: 1_000_000, timeWindowMs: 60_000 },
  auth: { max: 1_000_000, timeWindowMs: 60_000 },
  notFound: { max: 1_000_000, timeWindowMs: 60_000 },
};

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'jxc-test-')));
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
  const queue = options.queue ? options.queue(store) : createInlineQueue({ store });
  const app = await buildApp({
    config,
    store,
    queue,
    auth: options.auth,
    clock: options.clock,
    rateLimits: options.rateLimits ?? RELAXED_RATE_LIMITS,
    logger: options.logger,
  });
  await bootstrapAdmin(store, config);
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    store,
    config,
    async close() {
      await app.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the API and returns the access token. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

/** Creates a user through the admin API and returns it ({id, username, roles, …}). */
export async function createUser(
  app: FastifyInstance,
  adminToken: string,
  user: { username: string; password: string; roles: string[] },
): Promise<{ id: string; username: string; roles: string[] }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { authorization: `Bearer ${adminToken}` },
    payload: user,
  });
  if (res.statusCode !== 201) throw new Error(`creating user ${user.username} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; username: string; roles: string[] }>();
}
