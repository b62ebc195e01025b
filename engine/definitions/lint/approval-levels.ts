// Every list of approval levels a definition holds — each transition's
// `approval.levels` and `changeApproval.levels` — with the pointer segments of the
// list, so the checks on levels (bands, duplicate keys, approvers, rules,
// escalation roles) treat change levels exactly like transition levels.
import type { ApprovalLevel, Definition } from '../types';

export interface LevelList {
  levels: ApprovalLevel[];
  /** Pointer segments of the list, e.g. ['transitions', 0, 'approval', 'levels']. */
  base: Array<string | number>;
}

export function levelLists(def: Definition): LevelList[] {
  const lists: LevelList[] = [];
  def.transitions.forEach((t, i) => {
    if (t.approval) lists.push({ levels: t.approval.levels, base: ['transitions', i, 'approval', 'levels'] });
  });
  const change = def.changeApproval?.levels;
  if (change) lists.push({ levels: change, base: ['changeApproval', 'levels'] });
  return lists;
}
