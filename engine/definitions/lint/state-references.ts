// Names of states and transitions used elsewhere in the definition must exist:
// the meta-schema can only check their spelling, not that they are declared.
import type { Finding } from '../types';
import { finding, pointer, type Check } from './finding';

const RULE = 'unknown-reference';

export const checkStateReferences: Check = ({ def }) => {
  const states = new Set(def.states.map((s) => s.key));
  const transitions = new Set(def.transitions.map((t) => t.key));
  const out: Finding[] = [];
  const state = (key: string | undefined, at: string): void => {
    if (key === undefined || states.has(key)) return;
    out.push(
      finding(
        RULE,
        'error',
        at,
        `状态 “${key}” 不存在；请先在状态列表中添加，或改用已有状态`,
        `state "${key}" does not exist; add it to the states or pick an existing one`,
      ),
    );
  };
  state(def.initialState, pointer('initialState'));
  def.transitions.forEach((t, i) => {
    t.from.forEach((f, j) => state(f, pointer('transitions', i, 'from', j)));
    state(t.to, pointer('transitions', i, 'to'));
    state(t.approval?.pendingState, pointer('transitions', i, 'approval', 'pendingState'));
    state(t.approval?.rejectTo, pointer('transitions', i, 'approval', 'rejectTo'));
  });
  for (const [role, spec] of Object.entries(def.permissions ?? {})) {
    (spec.transitions ?? []).forEach((key, j) => {
      if (transitions.has(key)) return;
      out.push(
        finding(
          RULE,
          'error',
          pointer('permissions', role, 'transitions', j),
          `角色 ${role} 被授权执行流转 “${key}”，但该流转不存在`,
          `role ${role} is granted transition "${key}", which does not exist`,
        ),
      );
    });
  }
  return out;
};
