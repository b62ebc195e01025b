// Field-level write permissions: a role's `readOnlyFields` lists top-level data
// fields it may see but not set (a sales clerk creates customers but does not
// choose their credit limit or level). A user holding several roles may write a
// field when any of their roles with a permission entry may. Checked on create
// (a value other than the schema's default), PATCH and change requests (a value
// other than the stored one) — import creates through the same path — and sent
// to the forms so they show such fields read-only.
import type { Definition, JsonSchema } from '../definitions/index';
import { AppError } from '../errors';
import { fieldError } from '../messages/index';
import type { RuleUser } from './row-filter';

export function readOnlyFieldsFor(def: Pick<Definition, 'permissions'>, user: RuleUser): string[] {
  if (user.roles.includes('admin') || !def.permissions) return [];
  const specs = user.roles.flatMap((role) => (def.permissions?.[role] ? [def.permissions[role]] : []));
  if (specs.length === 0) return [];
  const [first, ...rest] = specs.map((s) => new Set(s.readOnlyFields ?? []));
  return [...first].filter((field) => rest.every((set) => set.has(field)));
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** 403 naming each read-only field whose value `after` changes from `before` (absent in `after` = unchanged). */
export function assertMayWriteFields(input: {
  def: Pick<Definition, 'permissions' | 'key'>;
  user: RuleUser;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}): void {
  const changed = readOnlyFieldsFor(input.def, input.user).filter(
    (field) => field in input.after && !same(input.before[field], input.after[field]),
  );
  if (changed.length === 0) return;
  throw new AppError('FORBIDDEN', `You may not set ${changed.join(', ')} on ${input.def.key} documents.`, {
    key: 'FORBIDDEN.read_only_field',
    params: { fields: changed.join(', ') },
    errors: changed.map((field) => fieldError(`/${field}`, 'FORBIDDEN.may_not_set_field')),
  });
}

/** What a new document holds before the caller's input: the schema's defaults. */
export function schemaDefaults(schema: JsonSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, prop]) => prop.default !== undefined)
      .map(([name, prop]) => [name, prop.default]),
  );
}
