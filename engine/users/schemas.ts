// JSON Schemas shared by the user, role and auth routes. Response schemas double as
// an allow-list: a field not listed here (a hash, a TOTP secret) cannot be sent.
import { ROLE_KEY_PATTERN } from './types';

export const usernameSchema = {
  type: 'string',
  minLength: 2,
  maxLength: 64,
  // Letters (any script), digits and . _ @ -; no spaces or control characters.
  pattern: '^[\\p{L}\\p{N}._@-]+$',
} as const;

// Policy (length, username, common list) is checked in code so its messages are clear;
// the schema only stops absurd input before any hashing.
export const passwordSchema = { type: 'string', minLength: 1, maxLength: 1024 } as const;

export const roleKeySchema = { type: 'string', pattern: ROLE_KEY_PATTERN } as const;

export const rolesSchema = { type: 'array', items: roleKeySchema, uniqueItems: true, maxItems: 50 } as const;

export const idParamsSchema = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{24}$' } },
  required: ['id'],
} as const;

export const authUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'username', 'roles'],
} as const;

export const publicUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    disabled: { type: 'boolean' },
    totpEnabled: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  required: ['id', 'username', 'roles', 'disabled', 'totpEnabled', 'createdAt', 'updatedAt'],
} as const;

export const roleSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    label: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
    description: { type: 'string' },
    builtIn: { type: 'boolean' },
  },
  required: ['key', 'label', 'builtIn'],
} as const;
