// Rate limits come from RATE_LIMIT_PER_MINUTE and LOGIN_RATE_LIMIT_PER_MINUTE
// (0 = off), so a shop's integration posting through the API can be given more
// than the default 600 a minute.
import { afterEach, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { backends } from '../support/backends';
import { serve, type Served } from './served';

for (const backend of backends()) {
  describe(`configured rate limits [${backend.name}]`, () => {
    let s: Served | undefined;
    afterEach(async () => {
      await s?.close();
      s = undefined;
    });
    // `rateLimits: {}`: the limits come from the environment, as in production.
    const start = (env: Record<string, string>) =>
      serve({ mongoUri: backend.mongoUri, env, rateLimits: {}, auth: { sleep: async () => undefined } });

    it('answers 429 past RATE_LIMIT_PER_MINUTE requests of one user', async () => {
      s = await start({ RATE_LIMIT_PER_MINUTE: '5' });
      const token = await login(s.t.app, TEST_ADMIN.username, TEST_ADMIN.password);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await s.call('GET', '/api/auth/me', { token })).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses[6]).toBe(429);
    });

    it('lets an integration past 600 a minute when RATE_LIMIT_PER_MINUTE is 0', async () => {
      s = await start({ RATE_LIMIT_PER_MINUTE: '0' });
      const served = s;
      // The default limit would refuse the 601st of these.
      const answers = await Promise.all(
        Array.from({ length: 610 }, () => served.t.app.inject({ method: 'GET', url: '/health' })),
      );
      expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(0);
      expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(610);
    });

    it('limits sign-in to LOGIN_RATE_LIMIT_PER_MINUTE per address, and 0 lifts that limit', async () => {
      s = await start({ LOGIN_RATE_LIMIT_PER_MINUTE: '2' });
      const signIn = () => s!.call('POST', '/api/auth/login', { body: TEST_ADMIN });
      expect((await signIn()).status).toBe(200);
      expect((await signIn()).status).toBe(200);
      expect((await signIn()).status).toBe(429);
      await s.close();
      s = await start({ LOGIN_RATE_LIMIT_PER_MINUTE: '0' });
      for (let i = 0; i < 4; i++) expect((await signIn()).status).toBe(200);
    });
  });
}
