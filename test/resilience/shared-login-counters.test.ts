// With REDIS_URL, a second engine is no way around the counters that slow down
// guessing (issue 18): failed-login lockout is kept in the store every engine
// shares (auth/lockout.ts), and the per-user budget of not-found answers is kept
// in Redis beside the rate limits (http/not-found-budget.ts). Two engines in one
// process, each on its own store connection, share one database and one Redis;
// the Redis keys are under the new database's deployment id, so no other run counts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../engine/app';
import { bootstrapAdmin } from '../../engine/auth/bootstrap-admin';
import { loadConfig } from '../../engine/config';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { newId } from '../../engine/store/ids';
import { openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { RELAXED_RATE_LIMITS, TEST_ADMIN } from '../support/app';
import { mongoUri, redisUrl, requireService } from '../support/services';

const mongo = mongoUri();
const redis = redisUrl();

describe.runIf(requireService('MongoDB-compatible server', mongo) && requireService('Redis', redis))(
  'two engines sharing one store and one Redis',
  () => {
    const apps: FastifyInstance[] = [];
    const stores: Store[] = [];

    beforeAll(async () => {
      const dbName = `counters_${newId()}`;
      const config = loadConfig({
        DATA_DIR: '/nonexistent-unused',
        REDIS_URL: redis!,
        ADMIN_USERNAME: TEST_ADMIN.username,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        LOG_LEVEL: 'silent',
      });
      for (let i = 0; i < 2; i += 1) {
        const store = await openMongoStore({ uri: mongo!, dbName });
        stores.push(store);
        const app = await buildApp({
          config,
          store,
          queue: createInlineQueue({ store }),
          rateLimits: { ...RELAXED_RATE_LIMITS, notFound: { max: 3, timeWindowMs: 60_000 } },
          auth: { lockout: { maxFailuresPerUser: 3 }, sleep: async () => undefined },
        });
        await bootstrapAdmin(store, config);
        await app.ready();
        apps.push(app);
      }
    });

    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const store of stores) await store.close();
    });

    const login = (app: FastifyInstance, password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: TEST_ADMIN.username, password } });

    it('refuses every request of a user over the not-found budget on either engine once it is spent across both', async () => {
      const token = (await login(apps[0], TEST_ADMIN.password)).json().token as string;
      const headers = { authorization: `Bearer ${token}` };
      const statuses: number[] = [];
      // Guessed document ids, alternating between the engines.
      for (let i = 0; i < 3; i += 1) {
        const url = `/api/documents/product/${newId()}`;
        statuses.push((await apps[i % 2].inject({ method: 'GET', url, headers })).statusCode);
      }
      // Each engine alone has answered at most two 404s; the budget of three is spent between them.
      const onB = await apps[1].inject({ method: 'GET', url: '/api/documents/product', headers });
      const onA = await apps[0].inject({
        method: 'GET',
        url: '/api/documents/product',
        headers: { ...headers, 'accept-language': 'en' },
      });
      console.log(`not-found budget 3 over 2 engines: ${statuses.join(' ')} then ${onB.statusCode} ${onA.statusCode}`);
      expect(statuses).toEqual([404, 404, 404]);
      expect(onB.statusCode).toBe(429);
      expect(Number(onB.headers['retry-after'])).toBeGreaterThan(0);
      expect(onA.statusCode).toBe(429);
      // In the caller's language, from the catalogue.
      expect(onB.json().detail).toMatch(/^查找不存在内容的请求过多，请 \d+ 秒后再试。$/);
      expect(onA.json().detail).toMatch(/^Too many requests for things that do not exist; try again in \d+ s\.$/);
    });

    it('locks a username on engine B after failed passwords on engine A and B', async () => {
      const failures = [
        await login(apps[0], 'wrong-password-1'),
        await login(apps[1], 'wrong-password-2'),
        await login(apps[0], 'wrong-password-3'),
      ].map((r) => r.statusCode);
      expect(failures).toEqual([401, 401, 401]);
      // The right password, on the other engine, is refused while the lock holds.
      const res = await login(apps[1], TEST_ADMIN.password);
      console.log(`lockout 3 over 2 engines: ${failures.join(' ')} then ${res.statusCode}`);
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('RATE_LIMITED');
    });
  },
);
