import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

describe('login lockout', () => {
  let t: TestApp;
  let clock: FakeClock;
  let delays: number[];
  beforeEach(async () => {
    clock = fakeClock();
    delays = [];
    t = await buildTestApp({
      auth: {
        now: clock.now,
        // Records the slow-down instead of waiting for it.
        sleep: async (ms) => {
          delays.push(ms);
        },
      },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  const attempt = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('slows each failed attempt more than the one before', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('admin', `wrong-password-${i}`)).statusCode).toBe(401);
    expect(delays).toHaveLength(4);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
  });

  it('locks a username from one address after 5 failures, even against the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++)
      expect((await attempt('admin', `wrong-password-${i}`, '10.0.0.1')).statusCode).toBe(401);
    const locked = await attempt('admin', TEST_ADMIN.password, '10.0.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 900 });
    expect(locked.json().detail).toContain('此账号');
    expect(locked.headers['retry-after']).toBe('900');
    // Guesses spread over addresses lock nothing: they are slowed down instead.
    expect((await attempt('admin', TEST_ADMIN.password, '10.0.1.1')).statusCode).toBe(200);

    clock.advance(FIFTEEN_MINUTES - 1000);
    expect((await attempt('admin', TEST_ADMIN.password, '10.0.0.1')).statusCode).toBe(429);
    clock.advance(1000);
    expect((await attempt('admin', TEST_ADMIN.password, '10.0.0.1')).statusCode).toBe(200);
  });

  it('locks a client IP after 20 failures across usernames, leaving other IPs alone', async () => {
    const admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await createUser(t.app, admin, { username: 'clerk1', password: 'Clerk-Pass-9931', roles: ['sales_clerk'] });
    // A password spray: one guess per username, so no username reaches its own limit.
    for (let i = 0; i < 20; i++) expect((await attempt(`user${i}`, 'Spring2026!!', '10.9.9.9')).statusCode).toBe(401);
    const fromSprayer = await attempt('clerk1', 'Clerk-Pass-9931', '10.9.9.9');
    expect(fromSprayer.statusCode).toBe(429);
    expect(fromSprayer.json().detail).toContain('此网络地址');
    expect((await attempt('clerk1', 'Clerk-Pass-9931', '10.8.8.8')).statusCode).toBe(200);

    clock.advance(FIFTEEN_MINUTES);
    expect((await attempt('clerk1', 'Clerk-Pass-9931', '10.9.9.9')).statusCode).toBe(200);
  });

  it('forgets failures older than the window', async () => {
    for (let i = 0; i < 4; i++) await attempt('admin', `wrong-password-${i}`);
    clock.advance(FIFTEEN_MINUTES);
    for (let i = 0; i < 4; i++) await attempt('admin', `wrong-password-${i}`);
    expect((await attempt('admin', TEST_ADMIN.password)).statusCode).toBe(200);
  });

  it('a successful login resets the username counter', async () => {
    for (let i = 0; i < 4; i++) await attempt('admin', `wrong-password-${i}`);
    expect((await attempt('admin', TEST_ADMIN.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt('admin', `wrong-password-${i}`);
    expect((await attempt('admin', TEST_ADMIN.password)).statusCode).toBe(200);
  });
});
