// Roles live in the store: the built-in 进销存 roles are seeded on start, admins add
// more with POST /api/roles. A user's roles must name existing roles.
import { recordAudit } from '../audit/index';
import { AppError, DuplicateKeyError, type FieldError } from '../errors';
import { fieldError } from '../messages/index';
import type { Store } from '../store/index';
import type { AdminContext } from './service';
import { ROLES_COLLECTION, type RoleDoc } from './types';

export const BUILT_IN_ROLES: ReadonlyArray<{ key: string; label: RoleDoc['label'] }> = [
  { key: 'admin', label: { 'zh-CN': '系统管理员', en: 'Administrator' } },
  { key: 'sales_clerk', label: { 'zh-CN': '销售员', en: 'Sales clerk' } },
  { key: 'sales_manager', label: { 'zh-CN': '销售经理', en: 'Sales manager' } },
  { key: 'finance_manager', label: { 'zh-CN': '财务经理', en: 'Finance manager' } },
  { key: 'purchaser', label: { 'zh-CN': '采购员', en: 'Purchaser' } },
  { key: 'purchase_manager', label: { 'zh-CN': '采购经理', en: 'Purchase manager' } },
  { key: 'warehouse_keeper', label: { 'zh-CN': '仓管员', en: 'Warehouse keeper' } },
];

export { ROLE_KEY_PATTERN } from './types';

export interface PublicRole {
  key: string;
  label: RoleDoc['label'];
  description?: string;
  builtIn: boolean;
}

const toPublicRole = (role: RoleDoc): PublicRole => ({
  key: role._id,
  label: role.label,
  ...(role.description ? { description: role.description } : {}),
  builtIn: role.builtIn,
});

/** Idempotent: safe on every start and from several replicas at once. */
export async function ensureBuiltInRoles(store: Store): Promise<void> {
  const roles = store.collection<RoleDoc>(ROLES_COLLECTION);
  for (const role of BUILT_IN_ROLES) {
    try {
      await roles.updateOne(
        { _id: role.key },
        { $setOnInsert: { label: role.label, builtIn: true, createdAt: new Date() } },
        { upsert: true },
      );
    } catch (err) {
      // Two upserts of a missing _id racing (engines starting together on an empty
      // database): the loser's insert is refused, and the role it wanted is there.
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
}

export async function listRoles(store: Store): Promise<PublicRole[]> {
  const roles = await store.collection<RoleDoc>(ROLES_COLLECTION).find({}, { sort: { _id: 1 } });
  return roles.map(toPublicRole);
}

export async function createRole(
  ctx: AdminContext,
  input: { key: string; label?: Partial<RoleDoc['label']>; description?: string },
): Promise<PublicRole> {
  const { store, now } = ctx;
  const label = { 'zh-CN': input.label?.['zh-CN'] ?? input.key, en: input.label?.en ?? input.key };
  try {
    const role = await store.collection<RoleDoc>(ROLES_COLLECTION).insertOne({
      _id: input.key,
      label,
      ...(input.description ? { description: input.description } : {}),
      builtIn: false,
      createdAt: now,
    });
    await recordAudit(
      store,
      { action: 'role.created', actor: ctx.actor, ip: ctx.ip, subject: role._id, details: { label } },
      now,
    );
    return toPublicRole(role);
  } catch (err) {
    if (err instanceof DuplicateKeyError) {
      throw new AppError('DUPLICATE_KEY', `Role "${input.key}" already exists.`, {
        key: 'DUPLICATE_KEY.role_exists',
        params: { role: input.key },
        errors: [fieldError('/key', 'DUPLICATE_KEY.already_exists')],
      });
    }
    throw err;
  }
}

/** One error per role key that is not in the store, naming the array item. */
export async function unknownRoleErrors(store: Store, roles: string[], basePath = '/roles'): Promise<FieldError[]> {
  const known = await store
    .collection<RoleDoc>(ROLES_COLLECTION)
    .find({ _id: { $in: roles } }, { projection: { builtIn: 1 } });
  const knownKeys = new Set(known.map((r) => r._id));
  return roles.flatMap((role, i) =>
    knownKeys.has(role) ? [] : [fieldError(`${basePath}/${i}`, 'VALIDATION_FAILED.unknown_role', { role })],
  );
}

export async function assertRolesExist(store: Store, roles: string[], basePath = '/roles'): Promise<void> {
  const errors = await unknownRoleErrors(store, roles, basePath);
  if (errors.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Unknown role(s): ${errors.map((e) => e.message.split('"')[1]).join(', ')}.`,
      // The roles' own keys, the same in both languages.
      {
        errors,
        key: 'VALIDATION_FAILED.unknown_roles',
        params: { roles: errors.map((e) => e.message.split('"')[1]).join(', ') },
      },
    );
  }
}
