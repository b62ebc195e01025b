import type { Config } from '../config';
import { DuplicateKeyError } from '../errors';
import { newId, type Store } from '../store/index';
import { ensureBuiltInRoles, type UserDoc } from '../users/index';
import { generatePassword, hashPassword } from '../credentials/index';

export type { UserDoc } from '../users/index';

/**
 * Creates the first admin when the store has no users. Returns the generated
 * password (to print once) when ADMIN_PASSWORD was unset, otherwise null.
 */
export async function bootstrapAdmin(
  store: Store,
  config: Config,
): Promise<{ username: string; password: string | null } | null> {
  await ensureBuiltInRoles(store);
  const users = store.collection<UserDoc>('users');
  await users.createIndex({ name: 'username_unique', keys: { username: 1 }, unique: true });
  if ((await users.count({})) > 0) return null;
  const password = config.adminPassword ?? generatePassword();
  try {
    await users.insertOne({
      _id: newId(),
      username: config.adminUsername,
      passwordHash: await hashPassword(password),
      roles: ['admin'],
      disabled: false,
      tokenGeneration: 0,
      createdAt: new Date(),
    });
  } catch (err) {
    // Another engine replica starting at the same moment created the admin first.
    if (err instanceof DuplicateKeyError) return null;
    throw err;
  }
  return { username: config.adminUsername, password: config.adminPassword ? null : password };
}
