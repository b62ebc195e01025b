// The effect picker's list: every effect name a definition may use, read from the
// engine context's effect registry at request time, so an effect a plugin registers
// (or an uninstall removes) shows up without a restart. Built-in names come first,
// then the rest in name order.
import { BUILTIN_EFFECTS } from '../definitions/index';
import type { EffectRegistry } from '../documents/index';

export interface EffectEntry {
  name: string;
  /** One of the engine's own catalogue (`inventory.reserve`, `notify`…); else registered by a plugin or capability. */
  builtin: boolean;
  /** A handler is registered now (a built-in name may be known without one, e.g. in a bare test engine). */
  registered: boolean;
  /** When it runs: before the document's write (may refuse it) or after, from the outbox. */
  phase: 'before-commit' | 'after-commit';
}

export function listEffects(effects: EffectRegistry): EffectEntry[] {
  const builtins = new Set<string>(BUILTIN_EFFECTS);
  const names = [...new Set(effects.knownNames())];
  const order = (a: string, b: string) =>
    Number(builtins.has(b)) - Number(builtins.has(a)) ||
    (builtins.has(a) ? [...builtins].indexOf(a) - [...builtins].indexOf(b) : a.localeCompare(b));
  return names.sort(order).map((name) => ({
    name,
    builtin: builtins.has(name),
    registered: effects.handler(name) !== undefined,
    phase: effects.runsBeforeCommit({ name }) ? 'before-commit' : 'after-commit',
  }));
}
