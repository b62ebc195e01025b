// A user may run a transition when one of their roles is in `roles` or a
// permission grants it; with neither, nobody can. Likewise a level nobody can approve.
import type { Finding } from '../types';
import { finding, pointer, type Check } from './finding';
import { levelLists } from './approval-levels';

export const checkUnrunnableTransitions: Check = ({ def }) => {
  const granted = new Set(Object.values(def.permissions ?? {}).flatMap((p) => p.transitions ?? []));
  const out: Finding[] = [];
  def.transitions.forEach((t, i) => {
    if ((t.roles ?? []).length === 0 && !granted.has(t.key)) {
      out.push(
        finding(
          'unrunnable-transition',
          'error',
          pointer('transitions', i, 'roles'),
          `没有任何角色可以执行流转 “${t.label['zh-CN']}”（${t.key}）；请在 roles 中添加角色，或在权限中授权`,
          `no role may run transition "${t.label.en}" (${t.key}); add roles to it or grant it in permissions`,
        ),
      );
    }
  });
  for (const { levels, base } of levelLists(def)) {
    levels.forEach((level, j) => {
      const approvers = (level.approvers.roles ?? []).length + (level.approvers.users ?? []).length;
      if (approvers > 0) return;
      out.push(
        finding(
          'unrunnable-transition',
          'error',
          pointer(...base, j, 'approvers'),
          `审批级别 “${level.label['zh-CN']}”（${level.key}）没有审批人，单据会一直等待；请指定角色或用户`,
          `approval level "${level.label.en}" (${level.key}) has no approvers, so documents wait forever; name roles or users`,
        ),
      );
    });
  }
  return out;
};
