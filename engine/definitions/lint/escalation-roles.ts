// A level's `escalateTo` adds a role's holders as approvers when its SLA passes; a
// misspelt role adds nobody, so an overdue approval escalates to no one. Known
// roles: the built-in ones, the roles the definition itself names (transition
// roles, permissions, approvers) and, when the caller passes them, the roles in the
// store. Roles are created at run time (POST /api/roles), so without that list an
// unknown name is only a warning; with it, an error.
import { BUILTIN_ROLES, type Finding } from '../types';
import { levelLists } from './approval-levels';
import { finding, pointer, type Check } from './finding';

export const checkEscalationRoles: Check = ({ def, options }) => {
  const levels = levelLists(def);
  const known = new Set<string>([
    ...BUILTIN_ROLES,
    ...(options.roles ?? []),
    ...def.transitions.flatMap((t) => t.roles ?? []),
    ...Object.keys(def.permissions ?? {}),
    ...levels.flatMap(({ levels: list }) => list.flatMap((level) => level.approvers.roles ?? [])),
  ]);
  const severity = options.roles ? 'error' : 'warning';
  const out: Finding[] = [];
  for (const { levels: list, base } of levels) {
    list.forEach((level, j) => {
      if (level.escalateTo === undefined || known.has(level.escalateTo)) return;
      out.push(
        finding(
          'unknown-escalation-role',
          severity,
          pointer(...base, j, 'escalateTo'),
          `审批级别 “${level.label['zh-CN']}”（${level.key}）超时后升级给未知角色 “${level.escalateTo}”，将无人接手；请改用已有角色或先创建该角色`,
          `approval level "${level.label.en}" (${level.key}) escalates to unknown role "${level.escalateTo}", so nobody takes over when it is overdue; name an existing role or create it first`,
        ),
      );
    });
  }
  return out;
};
