// User administration. Every change is audited with the acting admin. Guards keep
// at least one enabled admin, so the system can never lock its admins out.
import {
  clearUserFailures,
  deleteUserSessions,
  assertPasswordAcceptable,
  passwordProblems,
  hashPassword,
  verifyPassword,
} from '../credentials/index';
import { recordAudit, type AuditActor } from '../audit/index';
import { AppError, DuplicateKeyError } from '../errors';
import { fieldError } from '../messages/index';
import { newId, type Filter, type Store } from '../store/index';
import { refusalReasons } from './refusal-reasons';
import { assertRolesExist, unknownRoleErrors } from './roles';
import { toPublicUser, USERS_COLLECTION, type PublicUser, type UserDoc } from './types';

export interface AdminContext {
  store: Store;
  actor: AuditActor;
  ip: string;
  now: Date;
}

const users = (store: Store) => store.collection<UserDoc>(USERS_COLLECTION);

export const getUserDoc = (store: Store, id: string) => users(store).findById(id);

async function mustGetUser(store: Store, id: string): Promise<UserDoc> {
  const user = await getUserDoc(store, id);
  if (!user) throw new AppError('NOT_FOUND', `No user with id ${id}.`, { key: 'NOT_FOUND.user', params: { id } });
  return user;
}

export async function createUser(
  ctx: AdminContext,
  input: { username: string; password: string; roles: string[] },
): Promise<PublicUser> {
  // Both checks at once, so a form can mark every bad field in one round trip.
  const errors = [
    ...passwordProblems(input.password, input.username),
    ...(await unknownRoleErrors(ctx.store, input.roles)),
  ];
  if (errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `User refused: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      {
        errors,
        key: 'VALIDATION_FAILED.user_refused',
        params: { reasons: refusalReasons(errors) },
      },
    );
  }
  let user: UserDoc;
  try {
    user = await users(ctx.store).insertOne({
      _id: newId(),
      username: input.username,
      passwordHash: await hashPassword(input.password),
      roles: input.roles,
      disabled: false,
      tokenGeneration: 0,
      totp: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) {
      throw new AppError('DUPLICATE_KEY', `Username "${input.username}" is taken.`, {
        key: 'DUPLICATE_KEY.username_taken',
        params: { username: input.username },
        errors: [fieldError('/username', 'DUPLICATE_KEY.is_taken')],
      });
    }
    throw err;
  }
  await recordAudit(
    ctx.store,
    {
      action: 'user.created',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: user.username,
      details: { userId: user._id, roles: user.roles },
    },
    ctx.now,
  );
  return toPublicUser(user);
}

export async function listUsers(
  store: Store,
  query: { limit: number; cursor?: string },
): Promise<{ items: PublicUser[]; nextCursor: string | null }> {
  const filter: Filter = {};
  if (query.cursor) filter._id = { $gt: query.cursor };
  const all = await users(store).find(filter, { sort: { _id: 1 }, limit: query.limit + 1 });
  const more = all.length > query.limit;
  const page = more ? all.slice(0, query.limit) : all;
  return { items: page.map(toPublicUser), nextCursor: more ? page[page.length - 1]._id : null };
}

export async function getUser(store: Store, id: string): Promise<PublicUser> {
  return toPublicUser(await mustGetUser(store, id));
}

const LAST_ADMIN_ACTIONS: Record<string, { 'zh-CN': string; en: string }> = {
  'disable this user': { 'zh-CN': '停用此用户', en: 'disable this user' },
  'remove the admin role': { 'zh-CN': '移除管理员角色', en: 'remove the admin role' },
};

/** Refuses a change that would leave no enabled admin. */
async function assertAnotherAdminRemains(store: Store, userId: string, action: string): Promise<void> {
  const others = await users(store).count({ roles: 'admin', disabled: false, _id: { $ne: userId } });
  if (others === 0)
    throw new AppError('RULE_FAILED', `Cannot ${action}: it is the last enabled admin.`, {
      key: 'RULE_FAILED.last_admin',
      params: { action: LAST_ADMIN_ACTIONS[action] ?? action },
    });
}

export async function setDisabled(ctx: AdminContext, id: string, disabled: boolean): Promise<PublicUser> {
  const user = await mustGetUser(ctx.store, id);
  if (disabled && user.roles.includes('admin')) await assertAnotherAdminRemains(ctx.store, id, 'disable this user');
  // Disabling ends every session for good: the generation moves, so enabling the
  // account again does not bring its old access tokens back to life.
  const updated = await users(ctx.store).findOneAndUpdate(
    { _id: id },
    disabled
      ? { $set: { disabled, updatedAt: ctx.now }, $inc: { tokenGeneration: 1 } }
      : { $set: { disabled, updatedAt: ctx.now } },
  );
  if (!updated) throw new AppError('NOT_FOUND', `No user with id ${id}.`, { key: 'NOT_FOUND.user', params: { id } });
  // Access tokens stop at once (app.authenticate checks `disabled`); refresh tokens go too.
  if (disabled) await deleteUserSessions(ctx.store, id);
  if (user.disabled !== disabled) {
    await recordAudit(
      ctx.store,
      {
        action: disabled ? 'user.disabled' : 'user.enabled',
        actor: ctx.actor,
        ip: ctx.ip,
        subject: user.username,
        details: { userId: id },
      },
      ctx.now,
    );
  }
  return toPublicUser(updated);
}

export async function setRoles(ctx: AdminContext, id: string, roles: string[]): Promise<PublicUser> {
  const user = await mustGetUser(ctx.store, id);
  await assertRolesExist(ctx.store, roles);
  if (user.roles.includes('admin') && !roles.includes('admin') && !user.disabled) {
    await assertAnotherAdminRemains(ctx.store, id, 'remove the admin role');
  }
  const updated = await users(ctx.store).findOneAndUpdate({ _id: id }, { $set: { roles, updatedAt: ctx.now } });
  if (!updated) throw new AppError('NOT_FOUND', `No user with id ${id}.`, { key: 'NOT_FOUND.user', params: { id } });
  await recordAudit(
    ctx.store,
    {
      action: 'user.roles_changed',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: user.username,
      details: { userId: id, from: user.roles, to: roles },
    },
    ctx.now,
  );
  return toPublicUser(updated);
}

/** Sets a new password and ends every session the user had (bumps the token generation). */
async function replacePassword(store: Store, user: UserDoc, password: string, now: Date, path: string): Promise<void> {
  assertPasswordAcceptable(password, user.username, path);
  await users(store).updateOne(
    { _id: user._id },
    { $set: { passwordHash: await hashPassword(password), updatedAt: now }, $inc: { tokenGeneration: 1 } },
  );
  await deleteUserSessions(store, user._id);
}

export async function resetPassword(ctx: AdminContext, id: string, password: string): Promise<void> {
  const user = await mustGetUser(ctx.store, id);
  await replacePassword(ctx.store, user, password, ctx.now, '/password');
  await recordAudit(
    ctx.store,
    { action: 'user.password_reset', actor: ctx.actor, ip: ctx.ip, subject: user.username, details: { userId: id } },
    ctx.now,
  );
}

export async function changeOwnPassword(
  store: Store,
  input: {
    userId: string;
    currentPassword: string;
    newPassword: string;
    ip: string;
    now: Date;
    /** Counts a wrong current password toward the sign-in lockout (engine/auth/attempts.ts). */
    onWrongPassword?: (user: UserDoc) => Promise<void>;
  },
): Promise<void> {
  const user = await mustGetUser(store, input.userId);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await input.onWrongPassword?.(user);
    throw new AppError('VALIDATION_FAILED', 'The current password is wrong.', {
      key: 'VALIDATION_FAILED.current_password_wrong',
      errors: [fieldError('/currentPassword', 'VALIDATION_FAILED.is_wrong')],
    });
  }
  await replacePassword(store, user, input.newPassword, input.now, '/newPassword');
  await recordAudit(
    store,
    {
      action: 'user.password_changed',
      actor: { id: user._id, username: user.username },
      ip: input.ip,
      subject: user.username,
    },
    input.now,
  );
}

/** Drops the second factor (lost device and codes): the user signs in with the password alone again. */
async function removeTotp(store: Store, userId: string, now: Date): Promise<boolean> {
  return store
    .collection<UserDoc>(USERS_COLLECTION)
    .updateOne(
      { _id: userId },
      { $set: { totp: null, recoveryCodes: {}, updatedAt: now }, $unset: { totpPending: '' } },
    );
}

export async function resetTotp(ctx: AdminContext, id: string): Promise<PublicUser> {
  const user = await mustGetUser(ctx.store, id);
  await removeTotp(ctx.store, id, ctx.now);
  await recordAudit(
    ctx.store,
    { action: 'user.totp_reset', actor: ctx.actor, ip: ctx.ip, subject: user.username, details: { userId: id } },
    ctx.now,
  );
  return getUser(ctx.store, id);
}

/**
 * Lifts a username lockout before its window ends (the user called the office).
 * The per-IP counters stay: they stop a spray across accounts, not one user.
 */
export async function unlockUser(ctx: AdminContext, id: string): Promise<PublicUser> {
  const user = await mustGetUser(ctx.store, id);
  await clearUserFailures(ctx.store, user.username);
  await recordAudit(
    ctx.store,
    { action: 'user.unlocked', actor: ctx.actor, ip: ctx.ip, subject: user.username, details: { userId: id } },
    ctx.now,
  );
  return toPublicUser(user);
}
