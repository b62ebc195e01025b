// The refusal of a guard that bounds a lookup and says nothing itself
// (`{"<": [{"var": "lookup.bookings"}, 5]}` with no message): "送货预约「2026-12-07
// 上午」已满：容量 5，已有 5", from the catalogue in the caller's language, naming
// the key the lookup counted (the slot) and the bound (its capacity).
import type { LookupDef } from '../definitions/index';
import { AppError } from '../errors';
import { renderMessage } from '../messages/index';
import type { RuleContext } from '../rules/index';
import { valueAtPath } from './lookups';

const varPath = (node: unknown): string | undefined => {
  if (!node || typeof node !== 'object' || !('var' in node)) return undefined;
  const v = node.var;
  const path = Array.isArray(v) ? v[0] : v;
  return typeof path === 'string' ? path : undefined;
};

/** Null unless the guard is `lookup.X < bound` or `lookup.X <= bound` (bound a number or a var). */
export function capacityRefusal(
  transitionKey: string,
  logic: unknown,
  context: RuleContext,
  lookups: readonly LookupDef[],
  /**
   * A guard over another type's documents is checked at the figure the change
   * leads to (cross-counters.ts): "<= 5" is room for five there, "< 5" for four.
   */
  options: { after?: boolean } = {},
): AppError | null {
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return null;
  const [op, ...more] = Object.keys(logic);
  if ((op !== '<' && op !== '<=') || more.length > 0) return null;
  const args = (logic as Record<string, unknown>)[op];
  if (!Array.isArray(args) || args.length !== 2) return null;
  const name = varPath(args[0])?.replace(/^lookup\./, '');
  const lookup = lookups.find((l) => l.name === name);
  if (!lookup || varPath(args[0]) !== `lookup.${lookup.name}`) return null;
  const boundPath = varPath(args[1]);
  const bound = boundPath === undefined ? args[1] : valueAtPath(context, boundPath);
  if (typeof bound !== 'number') return null;
  // Counting whole documents before this one joins, "< 5" and "<= 4" both mean room for five.
  const whole = lookup.aggregate === 'count';
  const capacity = options.after ? (whole && op === '<' ? bound - 1 : bound) : op === '<' || !whole ? bound : bound + 1;
  const key = Object.values(lookup.match)
    .map((m) => (typeof m === 'object' && 'var' in m ? valueAtPath(context, m.var) : undefined))
    .filter((v) => v !== undefined && v !== null)
    .map(String)
    .join(' / ');
  const current = valueAtPath(context, `lookup.${lookup.name}`);
  const params = {
    lookup: lookup.label ?? { 'zh-CN': lookup.name, en: lookup.name },
    key,
    capacity,
    current: typeof current === 'number' ? current : 0,
  };
  return new AppError('RULE_FAILED', renderMessage('RULE_FAILED.lookup_capacity', 'en', params), {
    key: 'RULE_FAILED.lookup_capacity',
    params,
    extra: {
      transition: transitionKey,
      rule: 'guard',
      lookup: lookup.name,
      lookupKey: key,
      capacity,
      current: params.current,
    },
  });
}
