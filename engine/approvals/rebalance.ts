// Applying an approved change request re-balances what the document holds in
// stock: when the transition that approved it reserved stock (`inventory.reserve`)
// or announced incoming (`inventory.expect`), a changed quantity moves that by the
// difference, per warehouse × product (a changed warehouse or product releases on
// one side and reserves on the other). Taking more (reserve, expect) is the
// `change.rebalance` effect: it may refuse, so it runs before the change is
// written, and a change that does not commit undoes it by its key. Giving back
// (release, unexpect) is `change.rebalance-release`, after the write: it cannot
// refuse, and undoing it could take back stock someone else reserved meanwhile.
// Quantities are netted per warehouse × product, so a release never frees stock
// the same change needs. Each inventory operation's key derives from the effect's
// key, so a retry never applies one twice.
// An order that may wait for stock (`inventory.reserve` with `backorders`) waits
// for a raise it cannot have now, like at its submit; a cut comes off what it
// still waits for before any stock it holds is released (inventory's
// reserveOrWait / releaseOrUnwait), and what is released goes to the next in
// line. A raise that waits is granted by the next arrival (or, for stock that
// arrived while the change was being written, by the backorder sweep), as
// nothing was available when it was refused.
import Decimal from 'decimal.js';
import type { CompiledDefinition, InventoryEffectOptions } from '../definitions/index';
import {
  documentsCollection,
  type EffectContext,
  type EffectHandler,
  type EffectOptions,
  type EffectRequest,
} from '../documents/index';
import {
  addIncoming,
  dropBackorders,
  releaseOrUnwait,
  releaseStock,
  removeIncoming,
  reserveOrWait,
  reserveStock,
  undoOperation,
} from '../inventory/index';
import type { Store } from '../store/index';
import { linesInBaseUnits } from '../units/index';

export const REBALANCE_EFFECT = 'change.rebalance';
export const REBALANCE_RELEASE_EFFECT = 'change.rebalance-release';

type Operation = 'reserve' | 'release' | 'expect' | 'unexpect';

export interface RebalanceMove {
  op: Operation;
  warehouse: string;
  lines: Array<{ product: string; qty: string }>;
  /** Reserve and release of an order that may wait for stock: the reserve effect's options. */
  waits?: InventoryEffectOptions;
}

const PAIRS: Array<{ effect: string; more: Operation; less: Operation }> = [
  { effect: 'inventory.reserve', more: 'reserve', less: 'release' },
  { effect: 'inventory.expect', more: 'expect', less: 'unexpect' },
];

type Held = Map<string, Map<string, Decimal>>;

function held(data: Record<string, unknown>, o: InventoryEffectOptions): Held {
  const out: Held = new Map();
  const warehouse = data[o.warehouseField ?? 'warehouse'];
  const lines = data[o.linesField ?? 'lines'];
  if (typeof warehouse !== 'string' || !Array.isArray(lines)) return out;
  const perProduct = new Map<string, Decimal>();
  for (const line of lines as Array<Record<string, unknown>>) {
    const product = line?.[o.productField ?? 'product'];
    const qty = line?.[o.qtyField ?? 'qty'];
    if (typeof product !== 'string' || (typeof qty !== 'number' && typeof qty !== 'string')) continue;
    perProduct.set(product, (perProduct.get(product) ?? new Decimal(0)).plus(new Decimal(qty)));
  }
  out.set(warehouse, perProduct);
  return out;
}

function diff(before: Held, after: Held, pair: (typeof PAIRS)[number]): RebalanceMove[] {
  const less = new Map<string, RebalanceMove['lines']>();
  const more = new Map<string, RebalanceMove['lines']>();
  const warehouses = new Set([...before.keys(), ...after.keys()]);
  for (const warehouse of warehouses) {
    const b = before.get(warehouse) ?? new Map<string, Decimal>();
    const a = after.get(warehouse) ?? new Map<string, Decimal>();
    for (const product of new Set([...b.keys(), ...a.keys()])) {
      const delta = (a.get(product) ?? new Decimal(0)).minus(b.get(product) ?? new Decimal(0));
      if (delta.isZero()) continue;
      const target = delta.isPositive() ? more : less;
      target.set(warehouse, [...(target.get(warehouse) ?? []), { product, qty: delta.abs().toString() }]);
    }
  }
  return [
    ...[...less].map(([warehouse, lines]) => ({ op: pair.less, warehouse, lines })),
    ...[...more].map(([warehouse, lines]) => ({ op: pair.more, warehouse, lines })),
  ];
}

/** The data with its lines in base units: 2 箱 → 3 箱 of a 12-件 box holds 12 件 more, not 1. */
async function inBaseUnits(store: Store, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const lines = data.lines;
  if (!Array.isArray(lines)) return data;
  const typed = lines.filter(
    (l): l is { product: string; unit?: string } =>
      typeof l === 'object' && l !== null && typeof (l as { product?: unknown }).product === 'string',
  );
  return typed.length === lines.length ? { ...data, lines: await linesInBaseUnits(store, typed) } : data;
}

/** The effect that moves holdings from `before` to `after`, or none when nothing held changes. */
export async function rebalanceEffects(
  store: Store,
  compiled: CompiledDefinition,
  transitionKey: string,
  beforeEntered: Record<string, unknown>,
  afterEntered: Record<string, unknown>,
): Promise<EffectRequest[]> {
  const transition = compiled.transitions.get(transitionKey);
  if (!transition) return [];
  const applied = new Set([...(transition.effects ?? []), ...(transition.approval?.effects ?? [])]);
  const moves: RebalanceMove[] = [];
  const [before, after] = [await inBaseUnits(store, beforeEntered), await inBaseUnits(store, afterEntered)];
  for (const pair of PAIRS) {
    if (!applied.has(pair.effect)) continue;
    const options = (transition.effectOptions?.[pair.effect] ?? {}) as InventoryEffectOptions;
    const waits = pair.effect === 'inventory.reserve' && options.backorders ? { waits: options } : {};
    moves.push(...diff(held(before, options), held(after, options), pair).map((m) => ({ ...m, ...waits })));
  }
  const more = moves.filter((m) => m.op === 'reserve' || m.op === 'expect');
  const less = moves.filter((m) => m.op === 'release' || m.op === 'unexpect');
  return [
    ...(more.length > 0 ? [{ name: REBALANCE_EFFECT, options: { moves: more } }] : []),
    ...(less.length > 0 ? [{ name: REBALANCE_RELEASE_EFFECT, options: { moves: less } }] : []),
  ];
}

async function allowsNegative(ctx: EffectContext, warehouse: string): Promise<boolean> {
  const doc = await documentsCollection(ctx.store, 'warehouse').findById(warehouse);
  return doc?.data?.allowNegative === true;
}

export const rebalanceHandler: EffectHandler = async (ctx) => {
  const moves = (ctx.options.moves ?? []) as RebalanceMove[];
  for (const [i, move] of moves.entries()) {
    const input = {
      store: ctx.store,
      ...(ctx.engine.outbound ? { outbound: ctx.engine.outbound } : {}),
      key: `${ctx.outboxId}:${i}`,
      ref: { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number },
      warehouse: move.warehouse,
      allowNegative: await allowsNegative(ctx, move.warehouse),
      by: ctx.event.actor.id,
      lines: move.lines,
    };
    if (move.op === 'reserve' && move.waits) await reserveOrWait(ctx, move.waits, input);
    else if (move.op === 'reserve') await reserveStock(input);
    else if (move.op === 'release' && move.waits) await releaseOrUnwait(input);
    else if (move.op === 'release') await releaseStock(input);
    else if (move.op === 'expect') await addIncoming(input);
    else await removeIncoming(input);
  }
};

/** Undoes the operations `rebalanceHandler` ran under this effect's key, newest first. */
export const rebalanceCompensation: EffectHandler = async (ctx) => {
  const moves = (ctx.options.moves ?? []) as RebalanceMove[];
  for (let i = moves.length - 1; i >= 0; i -= 1) {
    await undoOperation({ store: ctx.store }, `${ctx.outboxId}:${i}`);
    // A raise accepted as a wait instead: never allocated (not committed), it goes.
    if (moves[i].waits) await dropBackorders(ctx.store, `${ctx.outboxId}:${i}`);
  }
};

/** Name, phase and compensation of both effects, for the effect registry. */
export const REBALANCE_REGISTRATIONS: Array<[string, EffectOptions]> = [
  [REBALANCE_EFFECT, { phase: 'before-commit', compensate: rebalanceCompensation }],
  [REBALANCE_RELEASE_EFFECT, { phase: 'after-commit' }],
];
