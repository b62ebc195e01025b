// The permissions matrix: per role, create / read (all, own, a row rule) / update
// (all, own) / the transitions granted beside TransitionDef.roles. Edits touch only
// the role and keyword they concern, so a hand-written block keeps its shape; no
// block at all means every signed-in user may create, read and update (the engine's
// rule, engine/documents/permissions.ts), which the editor shows as "not restricted".
import type { Definition, JsonLogic } from './types';

export type ReadChoice = 'none' | 'all' | 'own' | 'rule';
export type UpdateChoice = 'none' | 'all' | 'own';

type Spec = NonNullable<Definition['permissions']>[string];

export interface RoleRow {
  role: string;
  create: boolean;
  read: ReadChoice;
  filter?: JsonLogic;
  update: UpdateChoice;
  /** Transition keys granted by the permissions block. */
  transitions: string[];
  /** Transition keys the role may run through `TransitionDef.roles` (shown, edited on the workflow tab). */
  viaWorkflow: string[];
}

export const isRestricted = (def: Definition): boolean => def.permissions !== undefined;

/** Every role worth a row: those in the block, those transitions name, then the roles the engine knows. */
export function roleRows(def: Definition, known: string[]): RoleRow[] {
  const named = [...Object.keys(def.permissions ?? {}), ...def.transitions.flatMap((x) => x.roles), ...known];
  // Admins may do everything whatever the block says: no row to edit.
  return [...new Set(named)].filter((r) => r !== 'admin').map((role) => rowOf(def, role));
}

export function rowOf(def: Definition, role: string): RoleRow {
  const spec: Spec = def.permissions?.[role] ?? {};
  const read = spec.read;
  return {
    role,
    create: spec.create === true,
    read: read === true ? 'all' : read === 'own' ? 'own' : typeof read === 'object' && read !== null ? 'rule' : 'none',
    ...(typeof read === 'object' && read !== null ? { filter: read.filter } : {}),
    update: spec.update === true ? 'all' : spec.update === 'own' ? 'own' : 'none',
    transitions: spec.transitions ?? [],
    viaWorkflow: def.transitions.filter((x) => x.roles.includes(role)).map((x) => x.key),
  };
}

function withSpec(def: Definition, role: string, change: (spec: Spec) => Spec): Definition {
  const permissions = { ...(def.permissions ?? {}) };
  const next = change({ ...(permissions[role] ?? {}) });
  if (Object.keys(next).length === 0) delete permissions[role];
  else permissions[role] = next;
  return { ...def, permissions };
}

function put<K extends keyof Spec>(spec: Spec, key: K, value: Spec[K] | undefined): Spec {
  const out = { ...spec };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

export const setCreate = (def: Definition, role: string, create: boolean): Definition =>
  withSpec(def, role, (s) => put(s, 'create', create ? true : undefined));

/** A row rule starts as "always" (`true`): the admin narrows it with the rule builder. */
export function setRead(def: Definition, role: string, read: ReadChoice, filter?: JsonLogic): Definition {
  const value =
    read === 'all'
      ? true
      : read === 'own'
        ? ('own' as const)
        : read === 'rule'
          ? { filter: filter ?? true }
          : undefined;
  return withSpec(def, role, (s) => put(s, 'read', value));
}

export const setUpdate = (def: Definition, role: string, update: UpdateChoice): Definition =>
  withSpec(def, role, (s) => put(s, 'update', update === 'all' ? true : update === 'own' ? 'own' : undefined));

export const setTransitions = (def: Definition, role: string, keys: string[]): Definition =>
  withSpec(def, role, (s) => put(s, 'transitions', keys.length > 0 ? keys : undefined));

/**
 * Turning restriction on keeps today's behaviour for the roles the workflow names
 * (they may create, read and update), so nothing breaks until the admin narrows it.
 */
export function restrict(def: Definition, on: boolean): Definition {
  if (!on) {
    const out = { ...def };
    delete out.permissions;
    return out;
  }
  if (def.permissions) return def;
  const roles = [...new Set(def.transitions.flatMap((x) => x.roles))].filter((r) => r !== 'admin');
  return {
    ...def,
    permissions: Object.fromEntries(roles.map((r) => [r, { create: true, read: true, update: true }])),
  };
}
