import type { Finding } from '../types';
import { finding, pointer, type Check } from './finding';
import { reachableFrom } from './state-graph';

export const checkUnreachableStates: Check = ({ def }) => {
  const reached = reachableFrom(def, def.initialState);
  const out: Finding[] = [];
  def.states.forEach((s, i) => {
    if (reached.has(s.key)) return;
    out.push(
      finding(
        'unreachable-state',
        'error',
        pointer('states', i),
        `状态 “${s.label['zh-CN']}”（${s.key}）无法到达：从初始状态出发没有任何流转通向它；请添加一个以它为目标的流转，或删除该状态`,
        `state "${s.label.en}" (${s.key}) cannot be reached from the initial state; add a transition leading to it or remove it`,
      ),
    );
  });
  return out;
};
