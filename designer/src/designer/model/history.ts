// Undo/redo over immutable snapshots. Consecutive edits with the same `group`
// (typing into one label) make one step, so undo goes back a word, not a letter.
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  group?: string;
}

export const LIMIT = 100;

export const start = <T>(present: T): History<T> => ({ past: [], present, future: [] });

export function record<T>(h: History<T>, next: T, group?: string): History<T> {
  if (next === h.present) return h;
  if (group !== undefined && group === h.group) return { ...h, present: next, future: [] };
  return { past: [...h.past, h.present].slice(-LIMIT), present: next, future: [], group };
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

export const canUndo = <T>(h: History<T>): boolean => h.past.length > 0;
export const canRedo = <T>(h: History<T>): boolean => h.future.length > 0;
