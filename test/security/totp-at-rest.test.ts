// TOTP secrets are stored encrypted (AES-256-GCM, key from TOTP_ENCRYPTION_KEY or
// generated and kept in the store): the users collection never holds the seed an
// authenticator app is given, and a seed stored in plain text before is sealed
// the first time it is used.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TEST_ADMIN } from '../support/app';
import { fakeClock } from '../support/clock';
import { backends } from '../support/backends';
import type { StoredDoc } from '../../engine/store/types';
import { serve, type Served } from './served';

interface StoredTotp extends StoredDoc {
  _id: string;
  totp?: { secret: string } | null;
  totpPending?: { secret: string } | null;
}

for (const backend of backends()) {
  describe(`TOTP secrets at rest [${backend.name}]`, () => {
    const clock = fakeClock();
    let s: Served;
    beforeAll(async () => {
      s = await serve({
        mongoUri: backend.mongoUri,
        env: { TOTP_ENCRYPTION_KEY: 'a-test-key-for-totp-secrets-at-rest-0123' },
        auth: { now: clock.now, sleep: async () => undefined },
      });
    });
    afterAll(async () => {
      await s.close();
    });
    const codeFor = (secret: string) =>
      new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
        timestamp: clock.now().getTime(),
      });
    const admin = async () => (await s.t.store.collection<StoredTotp>('users').findOne({ username: 'admin' }))!;

    it('keeps the pending and the active secret encrypted, and signs in with codes from the seed', async () => {
      const token = await login(s.t.app, TEST_ADMIN.username, TEST_ADMIN.password);
      const started = await s.call('POST', '/api/auth/totp/enrol', { token });
      expect(started.status).toBe(200);
      const seed: string = started.body.secret;
      expect(JSON.stringify(await admin())).not.toContain(seed);
      const verified = await s.call('POST', '/api/auth/totp/verify', { token, body: { code: codeFor(seed) } });
      expect(verified.status).toBe(200);
      const stored = await admin();
      expect(stored.totp?.secret).toMatch(/^enc1:/);
      expect(JSON.stringify(stored)).not.toContain(seed);
      clock.advance(31_000);
      const signIn = await s.call('POST', '/api/auth/login', { body: { ...TEST_ADMIN, totp: codeFor(seed) } });
      expect(signIn.status).toBe(200);
    });

    it('seals a secret stored in plain text the first time it is used', async () => {
      const seed = new Secret({ size: 20 }).base32;
      const users = s.t.store.collection<StoredTotp>('users');
      await users.updateOne({ username: 'admin' }, { $set: { 'totp.secret': seed, 'totp.lastStep': 0 } });
      clock.advance(31_000);
      const signIn = await s.call('POST', '/api/auth/login', { body: { ...TEST_ADMIN, totp: codeFor(seed) } });
      expect(signIn.status).toBe(200);
      const stored = await admin();
      expect(stored.totp?.secret).toMatch(/^enc1:/);
      expect(JSON.stringify(stored)).not.toContain(seed);
    });
  });
}
