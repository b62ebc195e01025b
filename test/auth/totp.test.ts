import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('TOTP second factor', () => {
  let t: TestApp;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = fakeClock();
    t = await buildTestApp({ auth: { now: clock.now, sleep: async () => undefined } });
  });
  afterEach(async () => {
    await t.close();
  });

  const codeFor = (secret: string) =>
    new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
      timestamp: clock.now().getTime(),
    });
  const loginWith = (extra: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...TEST_ADMIN, ...extra } });

  async function enrol(): Promise<{ secret: string; recoveryCodes: string[] }> {
    const token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const started = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: bearer(token) });
    expect(started.statusCode).toBe(200);
    const { secret, uri } = started.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Jinxiaocun:admin\?/);
    expect(uri).toContain(`secret=${secret}`);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: bearer(token),
      payload: { code: codeFor(secret) },
    });
    expect(verified.statusCode).toBe(200);
    return { secret, recoveryCodes: verified.json().recoveryCodes };
  }

  it('is not active until a code from the new secret is verified', async () => {
    const token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: bearer(token) })
    ).json();
    expect((await loginWith({})).statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: bearer(token),
      payload: { code: '000000' === codeFor(secret) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    // The field message is the caller's language (zh-CN by default).
    expect(wrong.json().errors).toEqual([{ path: '/code', message: '验证码不正确' }]);
    expect((await loginWith({})).statusCode).toBe(200);
  });

  it('once active, login needs a code: without one it says so, with the right one it succeeds', async () => {
    const { secret, recoveryCodes } = await enrol();
    expect(recoveryCodes).toHaveLength(10);
    const bare = await loginWith({});
    expect(bare.statusCode).toBe(401);
    expect(bare.json()).toMatchObject({ totpRequired: true });
    clock.advance(30_000);
    const ok = await loginWith({ totp: codeFor(secret) });
    expect(ok.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(ok.json().token) });
    expect(me.json().totpEnabled).toBe(true);
  });

  it('refuses a wrong code and a replayed one', async () => {
    const { secret } = await enrol();
    clock.advance(30_000);
    const code = codeFor(secret);
    const wrong = code === '123456' ? '654321' : '123456';
    expect((await loginWith({ totp: wrong })).statusCode).toBe(401);
    expect((await loginWith({ totp: code })).statusCode).toBe(200);
    const replay = await loginWith({ totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().detail).toContain('已被使用');
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrol();
    const [first, second] = recoveryCodes;
    expect((await loginWith({ recoveryCode: first })).statusCode).toBe(200);
    expect((await loginWith({ recoveryCode: first })).statusCode).toBe(401);
    expect((await loginWith({ recoveryCode: second.toUpperCase() })).statusCode).toBe(200);
    expect((await loginWith({ recoveryCode: 'aaaa-bbbb-cccc-dddd' })).statusCode).toBe(401);
  });

  it('keeps the secret and the codes out of every answer and stores codes hashed', async () => {
    const { secret, recoveryCodes } = await enrol();
    const token = (await loginWith({ recoveryCode: recoveryCodes[0] })).json().token;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.body).not.toContain(secret);
    const stored = JSON.stringify(await t.store.collection('users').findOne({ username: 'admin' }));
    for (const code of recoveryCodes) expect(stored).not.toContain(code);
  });

  it('an admin can reset a lost second factor', async () => {
    const { recoveryCodes } = await enrol();
    const token = (await loginWith({ recoveryCode: recoveryCodes[0] })).json();
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${token.user.id}/totp/reset`,
      headers: bearer(token.token),
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().totpEnabled).toBe(false);
    expect((await loginWith({})).statusCode).toBe(200);
  });
});
