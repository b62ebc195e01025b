// Suggestions for the workflow editor, so a new transition or approval starts where
// the admin most likely wants it.
import type { Definition, StateDef } from './types';

const reached = (def: Definition, key: string): boolean =>
  def.transitions.some((x) => x.to === key || x.approval?.pendingState === key || x.approval?.rejectTo === key);

/** The first state that is neither terminal nor left by any transition. */
export const deadEnd = (def: Definition): string | undefined =>
  def.states.find((s) => !s.terminal && !def.transitions.some((x) => x.from.includes(s.key)))?.key;

/** The first terminal state nothing reaches yet, else the first terminal state. */
export const openEnd = (def: Definition): string | undefined =>
  (def.states.find((s) => s.terminal && !reached(def, s.key)) ?? def.states.find((s) => s.terminal))?.key;

/**
 * Where an approval on transition `key` waits and where a rejection goes: the first
 * state that is neither editable nor terminal nor the target (created as "submitted"
 * when there is none), and the first state nothing reaches yet beside the initial and
 * the waiting one (else back where the transition starts).
 */
export function approvalStates(
  def: Definition,
  key: string,
): { def: Definition; pendingState: string; rejectTo: string } {
  const tr = def.transitions.find((x) => x.key === key);
  if (!tr) throw new Error(`no transition ${key}`);
  let states: StateDef[] = def.states;
  let pending = states.find((s) => !s.editable && !s.terminal && s.key !== tr.to)?.key;
  if (!pending) {
    pending = states.some((s) => s.key === 'submitted') ? `pending_${key}` : 'submitted';
    states = [
      ...states,
      {
        key: pending,
        label: { 'zh-CN': '待审批', en: 'Submitted' },
        color: 'orange',
        editable: false,
        terminal: false,
      },
    ];
  }
  const next = { ...def, states };
  const rejectTo =
    states.find((s) => s.key !== def.initialState && s.key !== pending && s.key !== tr.to && !reached(next, s.key))
      ?.key ?? tr.from[0];
  return { def: next, pendingState: pending, rejectTo };
}
