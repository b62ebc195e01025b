// References a caller writes (an order id on a return, a customer on an order)
// are looked up within the caller's read scope of the referenced type: a document
// the caller may not read is treated exactly like one that does not exist, so a
// reference can neither copy data out of it (a return copying another clerk's
// order's warehouse) nor tell by a different answer that the id is real
// (issue 10, finding 7).
import type { DefinitionRegistry } from '../definitions/index';
import type { Filter } from '../store/index';
import { readScope } from './permissions';
import { MATCH_NONE, type RuleUser } from './row-filter';

/** The filter to AND into a lookup of referenced documents of `type`; null when the caller reads them all. */
export type ReferenceScope = (type: string) => Promise<Filter | null>;

export function referenceScope(registry: DefinitionRegistry, user: RuleUser): ReferenceScope {
  return async (type) => {
    const latest = await registry.latest(type);
    const scope = readScope(latest.def, latest.rowFilters, user);
    return scope.kind === 'all' ? null : scope.kind === 'none' ? MATCH_NONE : scope.filter;
  };
}
