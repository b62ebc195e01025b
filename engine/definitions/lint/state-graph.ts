// Edges of the state machine, including the ones approvals add: a transition
// with an approval waits in its pendingState, from where approval reaches `to`
// and rejection goes back (rejectTo, default the state it started from).
import type { Definition } from '../types';

export function successors(def: Definition): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const add = (from: string, to: string): void => {
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)?.add(to);
  };
  for (const t of def.transitions) {
    const pending = t.approval?.pendingState;
    for (const from of t.from) {
      add(from, t.to);
      if (pending) {
        add(from, pending);
        add(pending, t.to);
        add(pending, t.approval?.rejectTo ?? from);
      }
    }
  }
  return edges;
}

export function reachableFrom(def: Definition, start: string): Set<string> {
  const edges = successors(def);
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const state = queue.shift() as string;
    for (const next of edges.get(state) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
