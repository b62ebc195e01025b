// Which kind of number a data field holds: money (2 decimals), a quantity (3) or a
// plain number. One rule for the engine's bounds (engine/definitions/number-bounds.ts)
// and the staff app's display, so "15,000.00" is shown where the engine keeps cents.
// The schema's `x-number` decides; without it, the field's name does (`qty`,
// `acceptedQty`; `price`, `total`, `creditLimit`).
export type NumberKind = 'money' | 'quantity' | 'number';

const QUANTITY_NAME = /(^qty$|Qty$|^quantity$|Quantity$)/;
const MONEY_NAME = /(^price$|Price$|^amount$|Amount$|^total$|Total$|^cost$|Cost$|^creditLimit$|^balance$|Balance$)/;

export function numberKindOf(name: string, node: { 'x-number'?: unknown }): NumberKind {
  const kind = node['x-number'];
  if (kind === 'money' || kind === 'quantity' || kind === 'number') return kind;
  if (QUANTITY_NAME.test(name)) return 'quantity';
  if (MONEY_NAME.test(name)) return 'money';
  return 'number';
}
