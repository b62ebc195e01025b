// The levels a change request is approved by: the definition's own
// `changeApproval.levels`, or else the levels of the transition that approved the
// document (re-evaluated on the changed values). Change levels are compiled once
// per definition version and cached with it.
import type { CompiledDefinition, TransitionDef } from '../definitions/index';
import type { CompiledLevel, DocumentRecord } from '../documents/index';
import { createRuleSet } from '../rules/index';

const compiledChangeLevels = new WeakMap<CompiledDefinition, CompiledLevel[]>();

function ownChangeLevels(compiled: CompiledDefinition): CompiledLevel[] | null {
  const levels = compiled.def.changeApproval?.levels;
  if (!levels) return null;
  let cached = compiledChangeLevels.get(compiled);
  if (!cached) {
    const rules = createRuleSet();
    cached = levels.map((level, j) => ({
      level,
      when: level.when === undefined ? null : rules.compile(level.when, { path: `/changeApproval/levels/${j}/when` }),
    }));
    compiledChangeLevels.set(compiled, cached);
  }
  return cached;
}

/** The approval transition that brought the document to its state (its approval record says, else the definition). */
export function approvingTransition(compiled: CompiledDefinition, doc: DocumentRecord): TransitionDef | null {
  const named = doc.approval ? compiled.transitions.get(doc.approval.transition) : undefined;
  if (named?.approval && named.to === doc.state) return named;
  return compiled.def.transitions.find((t) => t.approval && t.to === doc.state) ?? null;
}

/** States in which a change may be requested. */
export function changeableStates(compiled: CompiledDefinition): string[] {
  const configured = compiled.def.changeApproval?.states;
  if (configured) return configured;
  return [...new Set(compiled.def.transitions.filter((t) => t.approval).map((t) => t.to))];
}

export function changeLevels(compiled: CompiledDefinition, original: TransitionDef | null): CompiledLevel[] {
  return ownChangeLevels(compiled) ?? (original ? (compiled.approvalLevels.get(original.key) ?? []) : []);
}

export function changeAllowsSelfApproval(compiled: CompiledDefinition, original: TransitionDef | null): boolean {
  return compiled.def.changeApproval?.allowSelfApproval ?? original?.approval?.allowSelfApproval ?? false;
}
