// Inventory valuation: moving weighted average cost (移动加权平均) per product ×
// warehouse. Why moving average: it is what 小企业会计准则 allows and what Chinese
// 进销存 software uses by default; it needs no cost layers (FIFO) and gives a cost
// at the moment of every issue, so COGS is known when goods ship.
//
// One cost record per product × warehouse (`stock_valuation`, `_id` = the
// batch-less level id) holds the quantity valued (milli-units) and the value in
// integer cents. Each stock move that changes onHand is valued exactly once, right
// after its level update (apply-piece.ts), with the same marker protocol:
//   1. compare-and-set on the cost record (its `seq`), adding qty and value and
//      setting `valued.<moveId>` = {value, unitCost};
//   2. `$set` unitCost and value on the move;
//   3. `$unset` the marker.
// A retry finds the move valued (done), or the marker (copy it to the move), or
// neither (value it now). So the record's value is exactly Σ move values — no
// drift — and an issue of everything left takes the value left, to the cent.
//
// Rates: a receipt at its line's unit cost (the PO price, else the product cost,
// resolved by the effect), a line with an exact `value` (the receiving leg of a
// transfer, a return at the cost it left with) at that value; issues and
// adjustments at the current average; a compensation at minus the value of the
// move it undoes.
import { Dec, toDec } from '../money/index';
import type { Collection, Store, StoredDoc } from '../store/index';
import { MOVES, type LineInput, type MoveDoc, type Piece } from './types';
import { levelId } from './levels';

export const VALUATION = 'stock_valuation';
const UNIT_COST_DECIMALS = 6;
const MAX_TRIES = 500;

export interface ValuationDoc extends StoredDoc {
  product: string;
  warehouse: string;
  /** milli-units valued (= Σ onHand deltas of valued moves). */
  qty: number;
  /** Integer cents (= Σ move values). */
  valueCents: number;
  /** The last average while qty > 0: the rate for issues when nothing is left (negative stock). */
  lastUnitCost: string | null;
  seq: number;
  valued?: Record<string, { valueCents: number; unitCost: number }>;
}

/** Cost fields a line may carry into its operation (units: yuan). */
export interface LineCost {
  /** Receipts: the price paid per unit. */
  unitCost?: string;
  /** The exact value of the whole line (transfers in, returns). */
  value?: string;
  /** Used when no average exists yet (first adjustment up, first receipt with no price). */
  fallbackUnitCost?: string;
}

export const valuations = (store: Store): Collection<ValuationDoc> => store.collection<ValuationDoc>(VALUATION);

const asDecimalString = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  try {
    const d = toDec(value as number | string);
    return d.isFinite() ? d.toString() : undefined;
  } catch {
    return undefined;
  }
};

/** The cost fields of a raw operation line (passed through parseLines). */
export function lineCost(raw: Record<string, unknown>): LineCost {
  const cost: LineCost = {};
  const unitCost = asDecimalString(raw.unitCost);
  const value = asDecimalString(raw.value);
  const fallback = asDecimalString(raw.fallbackUnitCost);
  if (unitCost !== undefined) cost.unitCost = unitCost;
  if (value !== undefined) cost.value = value;
  if (fallback !== undefined) cost.fallbackUnitCost = fallback;
  return cost;
}

const centsOf = (yuan: InstanceType<typeof Dec>): number => yuan.times(100).toDecimalPlaces(0).toNumber();
const units = (milli: number) => new Dec(milli).div(1000);

/** The average unit cost of a cost record, or null when nothing is valued. */
export function averageOf(
  doc: Pick<ValuationDoc, 'qty' | 'valueCents' | 'lastUnitCost'> | null,
): InstanceType<typeof Dec> | null {
  if (!doc) return null;
  if (doc.qty > 0) return new Dec(doc.valueCents).div(100).div(units(doc.qty));
  return doc.lastUnitCost !== null ? new Dec(doc.lastUnitCost) : null;
}

/** What a move adds to its cost record: value in cents and the unit cost shown on it. */
function rate(
  doc: ValuationDoc,
  move: MoveDoc,
  line: LineInput | undefined,
  undone: MoveDoc | null,
): { valueCents: number; unitCost: number } {
  const d = move.delta.onHand;
  const qty = units(Math.abs(d));
  const shown = (cents: number): number =>
    qty.isZero() ? 0 : new Dec(Math.abs(cents)).div(100).div(qty).toDecimalPlaces(UNIT_COST_DECIMALS).toNumber();
  if (undone && typeof undone.valueCents === 'number') {
    const cents = -undone.valueCents;
    return { valueCents: cents, unitCost: shown(cents) };
  }
  const cost = (line ?? {}) as LineCost & { qty?: number };
  if (d > 0) {
    if (cost.value !== undefined) {
      // A line's value covers its whole qty; a piece holding part of it gets its share.
      const whole = new Dec(cost.value);
      const share = cost.qty && cost.qty !== d ? whole.times(d).div(cost.qty) : whole;
      const cents = centsOf(share);
      return { valueCents: cents, unitCost: shown(cents) };
    }
    const price = cost.unitCost ?? averageOf(doc)?.toString() ?? cost.fallbackUnitCost ?? '0';
    const cents = centsOf(qty.times(price));
    return { valueCents: cents, unitCost: new Dec(price).toDecimalPlaces(UNIT_COST_DECIMALS).toNumber() };
  }
  // Everything left leaves with the value left: no cent stays behind.
  if (doc.qty + d === 0) return { valueCents: -doc.valueCents, unitCost: shown(doc.valueCents) };
  const average = averageOf(doc) ?? new Dec(cost.fallbackUnitCost ?? 0);
  const cents =
    doc.qty > 0 && -d <= doc.qty
      ? new Dec(doc.valueCents).times(-d).div(doc.qty).toDecimalPlaces(0).toNumber()
      : centsOf(qty.times(average));
  return { valueCents: -cents, unitCost: average.toDecimalPlaces(UNIT_COST_DECIMALS).toNumber() };
}

async function costRecord(store: Store, move: MoveDoc): Promise<ValuationDoc> {
  const id = levelId(move.product, move.warehouse);
  const existing = await valuations(store).findById(id);
  if (existing) return existing;
  try {
    return await valuations(store).insertOne({
      _id: id,
      product: move.product,
      warehouse: move.warehouse,
      qty: 0,
      valueCents: 0,
      lastUnitCost: null,
      seq: 0,
    });
  } catch {
    // A concurrent first move created it.
    const raced = await valuations(store).findById(id);
    if (!raced) throw new Error(`cost record ${id} could not be created`);
    return raced;
  }
}

async function stamp(store: Store, move: MoveDoc, v: { valueCents: number; unitCost: number }): Promise<MoveDoc> {
  const fields = { valueCents: v.valueCents, value: v.valueCents / 100, unitCost: v.unitCost };
  await store.collection<MoveDoc>(MOVES).updateOne({ _id: move._id }, { $set: fields });
  return { ...move, ...fields };
}

export interface ValueMoveContext {
  store: Store;
  /** The operation's lines: receipts carry their cost there. */
  lines?: LineInput[];
}

/** Values a move exactly once (see the protocol above) and returns it with unitCost and value. */
export async function valueMove(ctx: ValueMoveContext, move: MoveDoc, piece?: Pick<Piece, 'undoes'>): Promise<MoveDoc> {
  if (typeof move.valueCents === 'number') return move;
  const { store } = ctx;
  if (move.delta.onHand === 0) {
    // Reservations and incoming change no stock value; they show the current average.
    const average = averageOf(await valuations(store).findById(levelId(move.product, move.warehouse)));
    return stamp(store, move, {
      valueCents: 0,
      unitCost: average?.toDecimalPlaces(UNIT_COST_DECIMALS).toNumber() ?? 0,
    });
  }
  const marker = `valued.${move._id}`;
  const undoneId = piece?.undoes ?? move.undoes;
  const undone = undoneId ? await store.collection<MoveDoc>(MOVES).findById(undoneId) : null;
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const doc = await costRecord(store, move);
    const earlier = doc.valued?.[move._id];
    if (earlier) {
      const stamped = await stamp(store, move, earlier);
      await valuations(store).updateOne({ _id: doc._id }, { $unset: { [marker]: '' } });
      return stamped;
    }
    const v = rate(doc, move, ctx.lines?.[move.line], undone);
    const qty = doc.qty + move.delta.onHand;
    const valueCents = doc.valueCents + v.valueCents;
    const lastUnitCost =
      qty > 0
        ? new Dec(valueCents).div(100).div(units(qty)).toDecimalPlaces(UNIT_COST_DECIMALS).toString()
        : doc.lastUnitCost;
    const ok = await valuations(store).updateOne(
      { _id: doc._id, seq: doc.seq, [marker]: { $exists: false } },
      { $inc: { qty: move.delta.onHand, valueCents: v.valueCents, seq: 1 }, $set: { [marker]: v, lastUnitCost } },
    );
    if (!ok) continue;
    const stamped = await stamp(store, move, v);
    await valuations(store).updateOne({ _id: doc._id }, { $unset: { [marker]: '' } });
    return stamped;
  }
  throw new Error(`stock move ${move._id} could not be valued: its cost record keeps changing`);
}
