// A document in a non-terminal state with no way out is stuck forever; a
// terminal state with a way out is probably not meant to be terminal.
import type { Finding } from '../types';
import { finding, pointer, type Check } from './finding';
import { successors } from './state-graph';

export const checkDeadEndStates: Check = ({ def }) => {
  const edges = successors(def);
  const out: Finding[] = [];
  def.states.forEach((s, i) => {
    const exits = edges.get(s.key)?.size ?? 0;
    if (!s.terminal && exits === 0) {
      out.push(
        finding(
          'dead-end-state',
          'error',
          pointer('states', i),
          `状态 “${s.label['zh-CN']}”（${s.key}）没有任何出口流转且不是终态，单据会卡在这里；请添加流转或将其标为终态`,
          `state "${s.label.en}" (${s.key}) has no way out and is not terminal, so documents get stuck; add a transition or mark it terminal`,
        ),
      );
    }
    if (s.terminal && exits > 0) {
      out.push(
        finding(
          'dead-end-state',
          'warning',
          pointer('states', i, 'terminal'),
          `状态 “${s.label['zh-CN']}”（${s.key}）标为终态，但仍有流转从它出发`,
          `state "${s.label.en}" (${s.key}) is marked terminal but transitions still leave it`,
        ),
      );
    }
  });
  return out;
};
