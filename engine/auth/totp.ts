// Optional second factor: TOTP (RFC 6238, 30-second steps, 6 digits, SHA-1 as
// authenticator apps expect) plus single-use recovery codes. Enrolment hands out a
// secret; it becomes active only when a code generated from it is verified.
// Secrets are stored sealed (secret-box.ts); one stored in plain text before that
// is sealed the first time it is read, and at engine start (sealPlainTotpSecrets).
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import type { Store } from '../store/index';
import { USERS_COLLECTION, type UserDoc } from '../users/index';
import type { SecretBox } from './secret-box';

const ISSUER = 'Jinxiaocun';
const PERIOD = 30;
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpFor = (username: string, secret: string) =>
  new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });

// Recovery codes carry 80 random bits, so a plain sha256 cannot be brute-forced back.
const hashRecoveryCode = (code: string) =>
  createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');

function newRecoveryCode(): string {
  const chars = Array.from(randomBytes(16), (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

export async function startTotpEnrolment(
  store: Store,
  user: UserDoc,
  now: Date,
  box: SecretBox,
): Promise<{ secret: string; uri: string }> {
  if (user.totp)
    throw new AppError('RULE_FAILED', 'Two-factor sign-in is already active for this account.', {
      key: 'RULE_FAILED.totp_active',
    });
  const secret = new Secret({ size: 20 }).base32;
  await store
    .collection<UserDoc>(USERS_COLLECTION)
    .updateOne({ _id: user._id }, { $set: { totpPending: { secret: box.seal(secret, user._id), createdAt: now } } });
  return { secret, uri: totpFor(user.username, secret).toString() };
}

/** The 30-second step `code` belongs to (within one step of clock drift), or null. */
function matchingStep(username: string, secret: string, code: string, now: Date): number | null {
  const totp = totpFor(username, secret);
  const delta = totp.validate({ token: code.replace(/\s/g, ''), timestamp: now.getTime(), window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

/** Verifies the first code from the pending secret, activates TOTP and returns the recovery codes (shown once). */
export async function activateTotp(
  store: Store,
  user: UserDoc,
  code: string,
  now: Date,
  box: SecretBox,
): Promise<string[]> {
  if (user.totp)
    throw new AppError('RULE_FAILED', 'Two-factor sign-in is already active for this account.', {
      key: 'RULE_FAILED.totp_active',
    });
  const pending = user.totpPending;
  if (!pending)
    throw new AppError('RULE_FAILED', 'Start enrolment first with POST /api/auth/totp/enrol.', {
      key: 'RULE_FAILED.totp_enrol_first',
    });
  const plain = box.open(pending.secret, user._id);
  const step = matchingStep(user.username, plain, code, now);
  if (step === null) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The code does not match; check the device clock and try the current code.',
      { key: 'VALIDATION_FAILED.totp_mismatch', errors: [fieldError('/code', 'VALIDATION_FAILED.does_not_match')] },
    );
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const recoveryCodes = Object.fromEntries(codes.map((c) => [hashRecoveryCode(c), { used: false }]));
  const activated = await store.collection<UserDoc>(USERS_COLLECTION).updateOne(
    { _id: user._id, 'totpPending.secret': pending.secret },
    {
      $set: {
        totp: { secret: box.seal(plain, user._id), enabledAt: now, lastStep: step },
        recoveryCodes,
        updatedAt: now,
      },
      $unset: { totpPending: '' },
    },
  );
  if (!activated)
    throw new AppError('VERSION_CONFLICT', 'Enrolment changed meanwhile; start again.', {
      key: 'VERSION_CONFLICT.totp_enrolment_changed',
    });
  return codes;
}

/** Accepts a current code once: a code for a step already used is a replay. */
export async function checkTotpCode(
  store: Store,
  user: UserDoc,
  code: string,
  now: Date,
  box: SecretBox,
): Promise<boolean> {
  if (!user.totp) return false;
  await sealIfPlain(store, user, box);
  const step = matchingStep(user.username, box.open(user.totp.secret, user._id), code, now);
  if (step === null) return false;
  return store
    .collection<UserDoc>(USERS_COLLECTION)
    .updateOne({ _id: user._id, 'totp.lastStep': { $lt: step } }, { $set: { 'totp.lastStep': step } });
}

/** Spends a recovery code atomically; a used or unknown code is refused. */
export async function useRecoveryCode(store: Store, user: UserDoc, code: string, now: Date): Promise<boolean> {
  if (!user.totp) return false;
  const hash = hashRecoveryCode(code);
  return store
    .collection<UserDoc>(USERS_COLLECTION)
    .updateOne(
      { _id: user._id, [`recoveryCodes.${hash}.used`]: false },
      { $set: { [`recoveryCodes.${hash}.used`]: true, [`recoveryCodes.${hash}.usedAt`]: now } },
    );
}

/** Seals a secret stored in plain text before encryption at rest existed (guarded: only that very value). */
async function sealIfPlain(store: Store, user: UserDoc, box: SecretBox): Promise<void> {
  const users = store.collection<UserDoc>(USERS_COLLECTION);
  const active = user.totp?.secret;
  if (active && !box.isSealed(active)) {
    await users.updateOne(
      { _id: user._id, 'totp.secret': active },
      { $set: { 'totp.secret': box.seal(active, user._id) } },
    );
  }
  const pending = user.totpPending?.secret;
  if (pending && !box.isSealed(pending)) {
    await users.updateOne(
      { _id: user._id, 'totpPending.secret': pending },
      { $set: { 'totpPending.secret': box.seal(pending, user._id) } },
    );
  }
}

/** Engine start: seals every TOTP secret still stored in plain text. */
export async function sealPlainTotpSecrets(store: Store, box: SecretBox): Promise<void> {
  const users = store.collection<UserDoc>(USERS_COLLECTION);
  for (const user of await users.find({ $or: [{ totp: { $ne: null } }, { totpPending: { $ne: null } }] })) {
    await sealIfPlain(store, user, box);
  }
}
