// JWT_SECRET from the environment wins; otherwise one secret is generated on first
// start and kept in the store, so every replica and every restart signs alike.
// The TOTP encryption key is resolved the same way (TOTP_ENCRYPTION_KEY).
import { randomBytes } from 'node:crypto';
import { DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';

export const SETTINGS_COLLECTION = 'settings';
const JWT_SECRET_ID = 'jwt_secret';

interface SecretSetting extends StoredDoc {
  value: string;
  createdAt: Date;
}

export async function resolveJwtSecret(store: Store, configured: string | undefined): Promise<string> {
  return resolveStoredSecret(store, JWT_SECRET_ID, configured);
}

/** The configured secret, else the one kept in the store under `id` (generated on first use). */
export async function resolveStoredSecret(store: Store, id: string, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const settings = store.collection<SecretSetting>(SETTINGS_COLLECTION);
  const existing = await settings.findById(id);
  if (existing) return existing.value;
  const value = randomBytes(48).toString('base64url');
  try {
    await settings.insertOne({ _id: id, value, createdAt: new Date() });
    return value;
  } catch (err) {
    // Another replica generated it at the same moment: use theirs.
    if (!(err instanceof DuplicateKeyError)) throw err;
    const winner = await settings.findById(id);
    if (!winner) throw err;
    return winner.value;
  }
}
