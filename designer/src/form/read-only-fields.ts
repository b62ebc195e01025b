// Fields the signed-in user may see but not set (a definition's per-role
// `readOnlyFields`, enforced by the engine in engine/documents/field-permissions.ts):
// the form shows them read-only instead of letting a clerk type a credit limit
// the server will refuse.
import type { UiSchema } from '@rjsf/utils';
import type { Definition } from '../api/types';

export function readOnlyFieldsOf(definition: Definition, roles: string[]): string[] {
  if (roles.includes('admin') || !definition.permissions) return [];
  const specs = roles.flatMap((role) => (definition.permissions?.[role] ? [definition.permissions[role]] : []));
  if (specs.length === 0) return [];
  const [first, ...rest] = specs.map((s) => new Set(s.readOnlyFields ?? []));
  return [...first].filter((field) => rest.every((set) => set.has(field)));
}

export function withReadOnlyFields(ui: UiSchema, fields: string[]): UiSchema {
  const out: UiSchema = { ...ui };
  for (const field of fields) out[field] = { ...(out[field] as UiSchema | undefined), 'ui:readonly': true };
  return out;
}
