// What the API and callers see: quantities in units, derived figures included.
import { toUnits } from './quantity';
import type { DocumentRef, LevelDoc, MoveDoc, MoveKind, Quantities } from './types';

export interface LevelView {
  product: string;
  warehouse: string;
  batch?: string;
  expiry?: string;
  onHand: number;
  reserved: number;
  incoming: number;
  available: number;
  projected: number;
  /** Moving weighted average of product × warehouse, and this row's share of the stock value (valuation.ts). */
  unitCost?: number;
  value?: number;
}

export interface QuantitiesView {
  onHand: number;
  reserved: number;
  incoming: number;
  available: number;
}

export interface MoveView {
  id: string;
  kind: MoveKind;
  product: string;
  warehouse: string;
  batch?: string;
  expiry?: string;
  delta: QuantitiesView;
  before: QuantitiesView;
  after: QuantitiesView;
  ref: DocumentRef;
  key: string;
  at: Date;
  recovered?: boolean;
  undoes?: string;
  /** The rate the move was valued at (yuan per unit), and its value (yuan, signed like onHand). */
  unitCost?: number;
  value?: number;
}

const units = (q: Quantities): QuantitiesView => ({
  onHand: toUnits(q.onHand),
  reserved: toUnits(q.reserved),
  incoming: toUnits(q.incoming),
  available: toUnits(q.available),
});

export function levelView(level: LevelDoc): LevelView {
  const view: LevelView = {
    product: level.product,
    warehouse: level.warehouse,
    onHand: toUnits(level.onHand),
    reserved: toUnits(level.reserved),
    incoming: toUnits(level.incoming),
    available: toUnits(level.available),
    projected: toUnits(level.available + level.incoming),
  };
  if (level.batch) view.batch = level.batch;
  if (level.expiry) view.expiry = level.expiry;
  return view;
}

export function moveView(move: MoveDoc): MoveView {
  const view: MoveView = {
    id: move._id,
    kind: move.kind,
    product: move.product,
    warehouse: move.warehouse,
    delta: units(move.delta),
    before: units(move.before),
    after: units(move.after),
    ref: move.ref,
    key: move.key,
    at: move.at,
  };
  if (move.batch) view.batch = move.batch;
  if (move.expiry) view.expiry = move.expiry;
  if (move.recovered) view.recovered = true;
  if (move.undoes) view.undoes = move.undoes;
  if (typeof move.unitCost === 'number') view.unitCost = move.unitCost;
  if (typeof move.value === 'number') view.value = move.value;
  return view;
}
