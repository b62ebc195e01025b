// Two engines, one store, one Redis, as an operator scaling out would try it.
// On FerretDB a guarded update holds only inside one process, so the engines
// share one lease (engine/store/lease.ts): of several engines started at once on
// an empty database exactly one serves and the others stop with one clear line,
// none crashes; once the holder is killed, the next engine takes over. On real
// MongoDB (MONGODB_URI) several engines run side by side. On FerretDB the engine
// runs the jobs itself and `npm run workers` beside it is refused. Rate-limit counters are
// kept in Redis, so a second engine is no way around them.
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../engine/app';
import { bootstrapAdmin } from '../../engine/auth/bootstrap-admin';
import { loadConfig } from '../../engine/config';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { newId } from '../../engine/store/ids';
import { acquireStoreLease, LEASE_COLLECTION, type StoreLease } from '../../engine/store/lease';
import { openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { RELAXED_RATE_LIMITS, TEST_ADMIN } from '../support/app';
import { startEngine, startWorkersProcess, waitForHealth, type EngineProcess } from '../support/engine-process';
import { mongoUri, redisUrl, requireService } from '../support/services';

const mongo = mongoUri();
const redis = redisUrl();
const running: EngineProcess[] = [];
const stores: Store[] = [];

afterAll(async () => {
  for (const e of running) {
    if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
    await e.exited;
  }
  for (const s of stores) await s.close();
});

async function isFerretDb(uri: string): Promise<boolean> {
  const client = new MongoClient(uri);
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    return typeof info.ferretdbVersion === 'string';
  } finally {
    await client.close();
  }
}

/** The server URI with a database of its own (`mongodb://host:port/NAME`). */
const withDb = (uri: string, name: string): string => uri.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

async function openStore(uri: string, dbName: string): Promise<Store> {
  const store = await openMongoStore({ uri, dbName });
  stores.push(store);
  return store;
}

describe.runIf(requireService('MongoDB-compatible server', mongo) && requireService('Redis', redis))(
  'two engines on one store',
  () => {
    it('gives the lease to exactly one of twelve concurrent takers, each on its own connection', async () => {
      const dbName = `lease_${newId()}`;
      const takers = await Promise.all(Array.from({ length: 12 }, () => openStore(mongo!, dbName)));
      const results = await Promise.allSettled(
        takers.map((s) => acquireStoreLease(s, { ttlMs: 60_000, onLost: () => undefined })),
      );
      const held = results.filter((r): r is PromiseFulfilledResult<StoreLease> => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      console.log(`lease: ${results.length} concurrent takers, ${held.length} held, ${refused.length} refused`);
      expect(held).toHaveLength(1);
      for (const r of refused) expect((r.reason as { code?: string }).code).toBe('STORE_LOCKED');
      // Released, the next taker gets the next generation at once.
      await held[0].value.release();
      const next = await acquireStoreLease(takers[1], { ttlMs: 60_000, onLost: () => undefined });
      expect(next.generation).toBe(held[0].value.generation + 1);
      await next.release();
    });

    it('lets one of three engines started at once on an empty database serve, and refuses the rest with one line', async () => {
      const ferret = await isFerretDb(mongo!);
      const engineDb = `engines_${newId()}`;
      const uri = withDb(mongo!, engineDb);
      const env = {
        MONGODB_URI: uri,
        REDIS_URL: redis!,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        JWT_SECRET: 'x'.repeat(40),
        STORE_LEASE_MS: '2000',
      };
      const engines = await Promise.all(Array.from({ length: 3 }, () => startEngine(env)));
      running.push(...engines);
      const outcomes = await Promise.all(
        engines.map((e) =>
          waitForHealth(e, 100_000).then(
            () => 'serving' as const,
            () => 'stopped' as const,
          ),
        ),
      );
      const serving = engines.filter((_, i) => outcomes[i] === 'serving');
      const stopped = engines.filter((_, i) => outcomes[i] === 'stopped');
      console.log(`engines: ${engines.length} started at once, ${serving.length} serving, ${stopped.length} refused`);
      // Nothing crashed: no start-up failure with a stack (the old ensureBuiltInRoles duplicate _id).
      for (const e of engines) expect(e.stderr()).not.toMatch(/Start-up failed|\n\s+at /);
      if (!ferret) {
        // Real MongoDB: guarded updates are atomic across processes, several engines serve.
        expect(serving).toHaveLength(engines.length);
        return;
      }
      expect(serving, engines.map((e) => e.stderr()).join('\n')).toHaveLength(1);
      for (const e of stopped) {
        expect(await e.exited).toBe(2);
        const lines = e.stderr().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^Configuration error: MONGODB_URI is a FerretDB store another engine is using/);
      }

      // The holder dies without giving the lease up; once it expires the next engine serves.
      serving[0].child.kill('SIGKILL');
      await serving[0].exited;
      const store = await openStore(mongo!, engineDb);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [lease] = await store.collection(LEASE_COLLECTION).find({}, { sort: { generation: -1 }, limit: 1 });
        if (new Date(lease.expiresAt as Date).getTime() < Date.now()) break;
        if (Date.now() > deadline) throw new Error('the killed engine’s lease never expired');
        await new Promise((r) => setTimeout(r, 200));
      }
      const next = await startEngine({ ...env, LOG_LEVEL: 'info' });
      running.push(next);
      expect(await waitForHealth(next, 100_000)).toMatchObject({ status: 'ok', store: 'mongodb' });
      // With REDIS_URL too, the engine on FerretDB runs the jobs itself, and `npm run workers` beside it is refused.
      expect(next.stdout()).toMatch(/FerretDB store: this engine runs the jobs itself/);
      const workers = await startWorkersProcess(env);
      running.push(workers);
      expect(await workers.exited).toBe(2);
      expect(workers.stderr().trim().split('\n')).toEqual([
        expect.stringMatching(
          /^MONGODB_URI: an engine \(.+\) is using this FerretDB store; on FerretDB the engine runs the jobs itself/,
        ),
      ]);
      // Stopped cleanly, it gives the lease up at once: the next start is not refused.
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
      const [released] = await store.collection(LEASE_COLLECTION).find({}, { sort: { generation: -1 }, limit: 1 });
      expect(new Date(released.expiresAt as Date).getTime()).toBeLessThan(Date.now());
      // Engine start-up on a fresh database publishes every definition: slow on a loaded two-core machine.
    }, 240_000);

    it('counts logins against one budget in Redis whichever engine answers', async () => {
      const dbName = `limits_${newId()}`;
      const config = loadConfig({
        DATA_DIR: '/nonexistent-unused',
        REDIS_URL: redis!,
        ADMIN_USERNAME: TEST_ADMIN.username,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        LOG_LEVEL: 'silent',
      });
      const apps = [];
      for (let i = 0; i < 2; i += 1) {
        const store = await openStore(mongo!, dbName);
        const app = await buildApp({
          config,
          store,
          queue: createInlineQueue({ store }),
          rateLimits: { ...RELAXED_RATE_LIMITS, auth: { max: 4, timeWindowMs: 60_000 } },
        });
        await bootstrapAdmin(store, config);
        await app.ready();
        apps.push(app);
      }
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const res = await apps[i % 2].inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
          });
          statuses.push(res.statusCode);
        }
        console.log(`rate limit: 6 logins alternating over 2 engines → ${statuses.join(' ')}`);
        // Four in the budget across both engines; each engine alone answered only three.
        expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      } finally {
        for (const app of apps) await app.close();
        stores.splice(stores.length - 2, 2);
      }
    });
  },
);
