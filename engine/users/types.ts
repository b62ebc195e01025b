import type { StoredDoc } from '../store/index';

export const USERS_COLLECTION = 'users';
export const ROLES_COLLECTION = 'roles';

/** Active second factor. The secret is needed to check codes, so it is kept (never returned). */
export interface TotpState {
  secret: string;
  enabledAt: Date;
  /** Last 30-second step a code was accepted for; an older or equal step is a replay. */
  lastStep: number;
}

export interface UserDoc extends StoredDoc {
  username: string;
  passwordHash: string;
  roles: string[];
  disabled: boolean;
  createdAt: Date;
  updatedAt?: Date;
  /** Bumped on password reset: access and refresh tokens carry it and stop working when it moves. */
  tokenGeneration?: number;
  totp?: TotpState | null;
  /** Secret handed out at enrolment, active only once a code from it is verified. */
  totpPending?: { secret: string; createdAt: Date } | null;
  /** sha256(code) → used flag; codes are single-use. */
  recoveryCodes?: Record<string, { used: boolean; usedAt?: Date }>;
}

export interface RoleDoc extends StoredDoc {
  /** The role key is the `_id`, e.g. `sales_clerk`. */
  label: { 'zh-CN': string; en: string };
  description?: string;
  builtIn: boolean;
  createdAt: Date;
}

/** The user as the API shows it: no hashes, no secrets. */
export interface PublicUser {
  id: string;
  username: string;
  roles: string[];
  disabled: boolean;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toPublicUser(user: UserDoc): PublicUser {
  return {
    id: user._id,
    username: user.username,
    roles: user.roles,
    disabled: user.disabled,
    totpEnabled: Boolean(user.totp),
    createdAt: new Date(user.createdAt).toISOString(),
    updatedAt: new Date(user.updatedAt ?? user.createdAt).toISOString(),
  };
}

/** Role keys: lower-case letters, digits and `_` (kept here, a leaf file, so schemas.ts imports no service). */
export const ROLE_KEY_PATTERN = '^[a-z][a-z0-9_]{1,49}$';
