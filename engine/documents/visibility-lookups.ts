// POST /api/documents/:type/lookups {data, id?}: the figures of the declared
// lookups the form's show-when rules read (`ui:options.visibleWhen` naming
// `lookup.NAME`), for a draft or a document being edited, so the staff app can
// evaluate those rules in the browser as the engine would. Only the lookups a
// visibility rule names are answered — the definition's author chose to show a
// form by them — never the documents behind them; the caller must be able to read
// the type. The document itself never counts (as in its guards).
import type { CompiledDefinition } from '../definitions/index';
import { lookupsNamedByVisibility } from '../rules/index';
import type { Store } from '../store/index';
import { evaluateLookups } from './lookups';
import { readFilter } from './permissions';
import type { RuleUser } from './row-filter';

export async function visibilityLookups(
  store: Store,
  compiled: CompiledDefinition,
  input: { data: Record<string, unknown>; id?: string; user: RuleUser },
): Promise<{ lookup: Record<string, unknown> }> {
  readFilter(compiled.def, compiled.rowFilters, input.user);
  const names = new Set(
    lookupsNamedByVisibility(
      compiled.def.uiSchema,
      compiled.lookups.map((l) => l.def.name),
    ),
  );
  const lookups = compiled.lookups.filter((l) => names.has(l.def.name));
  return { lookup: await evaluateLookups(store, lookups, input.data, input.id) };
}
