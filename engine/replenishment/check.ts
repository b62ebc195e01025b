// One product × warehouse: is projected stock (available + incoming) below the
// product's reorder point?
// - Falling below opens an occurrence (trigger gen + 1, by a guarded update, so
//   concurrent checks open it once), with one suggestion, one low-stock alert
//   and, when the product says autoRequisition, one draft purchase requisition.
//   Staying below changes nothing: one suggestion per occurrence, not per order.
// - Back at or above the reorder point closes the occurrence: the suggestion and
//   the alert are resolved, and the next fall opens a new one (re-armed).
// Every step is idempotent (ids derive from the occurrence), and a check that
// finds an open occurrence completes what a crashed check may have left out.
import { documentsCollection, type DocumentRecord } from '../documents/index';
import { raiseAlert, resolveAlert } from '../alerts/index';
import { DuplicateKeyError } from '../errors';
import { readRows, toMilli, toUnits } from '../inventory/index';
import type { Outbound } from '../queue/index';
import type { Collection, Store } from '../store/index';
import { createReorderRequisition } from './requisition';
import type { DefinitionRegistry } from '../definitions/index';
import {
  forecastPointId,
  forecastPoints,
  LOW_STOCK,
  SUGGESTIONS,
  TRIGGERS,
  alertId,
  suggestionId,
  triggerId,
  type SuggestionDoc,
  type TriggerDoc,
} from './types';

export type CheckOutcome = 'opened' | 'open' | 'resolved' | 'fine';

export interface CheckInput {
  store: Store;
  /** The engine's channels: the low-stock alert notifies and emits through them. */
  outbound?: Outbound;
  /** The engine's definitions (the draft requisition's). */
  definitions: DefinitionRegistry;
  product: string;
  warehouse: string;
  now: Date;
}

const triggers = (store: Store): Collection<TriggerDoc> => store.collection<TriggerDoc>(TRIGGERS);
export const suggestions = (store: Store): Collection<SuggestionDoc> => store.collection<SuggestionDoc>(SUGGESTIONS);

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

interface Figures {
  product: DocumentRecord;
  projected: number;
  reorderPoint: number;
}

/**
 * The reorder point in force: the one from the demand forecast when the product
 * sets a service level and a point was computed for this warehouse, else its fixed one.
 */
async function reorderPointOf(input: CheckInput, product: DocumentRecord | null): Promise<number | undefined> {
  if (product && num(product.data.serviceLevel) !== undefined) {
    const point = await forecastPoints(input.store).findById(forecastPointId(input.product, input.warehouse));
    if (point) return point.reorderPoint;
  }
  return num(product?.data.reorderPoint);
}

/** Null when the product has no reorder point to fall below, or is inactive. */
async function figures(input: CheckInput): Promise<(Figures & { below: boolean }) | null> {
  const product = await documentsCollection(input.store, 'product').findById(input.product);
  const reorderPoint = await reorderPointOf(input, product);
  if (!product || product.state === 'inactive' || reorderPoint === undefined) return null;
  const rows = await readRows(input.store, input.product, input.warehouse);
  const projected = rows.reduce((sum, r) => sum + r.available + r.incoming, 0);
  return { product, projected: toUnits(projected), reorderPoint, below: projected < toMilli(reorderPoint) };
}

/** Opens an occurrence unless one is open; returns the open trigger and whether this call opened it. */
async function openTrigger(input: CheckInput): Promise<{ trigger: TriggerDoc; opened: boolean }> {
  const id = triggerId(input.product, input.warehouse);
  for (;;) {
    const current = await triggers(input.store).findById(id);
    if (current?.open) return { trigger: current, opened: false };
    if (!current) {
      try {
        const trigger = await triggers(input.store).insertOne({
          _id: id,
          product: input.product,
          warehouse: input.warehouse,
          gen: 1,
          open: true,
          openedAt: input.now,
        });
        return { trigger, opened: true };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        continue;
      }
    }
    const trigger = await triggers(input.store).findOneAndUpdate(
      { _id: id, open: false, gen: current.gen },
      { $set: { open: true, openedAt: input.now }, $inc: { gen: 1 } },
    );
    if (trigger) return { trigger, opened: true };
  }
}

function suggestedQty(f: Figures): number {
  const reorderQty = num(f.product.data.reorderQty);
  if (reorderQty !== undefined && reorderQty > 0) return reorderQty;
  return toUnits(toMilli(f.reorderPoint) - toMilli(f.projected));
}

async function ensureSuggestion(input: CheckInput, trigger: TriggerDoc, f: Figures): Promise<SuggestionDoc> {
  const id = suggestionId(trigger._id, trigger.gen);
  const existing = await suggestions(input.store).findById(id);
  if (existing) return existing;
  const supplier = text(f.product.data.preferredSupplier);
  const doc: SuggestionDoc = {
    _id: id,
    product: input.product,
    warehouse: input.warehouse,
    gen: trigger.gen,
    status: 'open',
    projected: f.projected,
    reorderPoint: f.reorderPoint,
    suggestedQty: suggestedQty(f),
    ...(supplier ? { supplier } : {}),
    createdAt: input.now,
  };
  try {
    return await suggestions(input.store).insertOne(doc);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    return (await suggestions(input.store).findById(id)) ?? doc;
  }
}

async function label(store: Store, f: Figures, warehouse: string): Promise<string> {
  const wh = await documentsCollection(store, 'warehouse').findById(warehouse);
  const name = text(f.product.data.name) ?? f.product._id;
  const sku = text(f.product.data.sku);
  return `${sku ? `${name} (${sku})` : name} @ ${text(wh?.data.name) ?? warehouse}`;
}

async function raiseLowStock(input: CheckInput, suggestion: SuggestionDoc, f: Figures): Promise<void> {
  const subject = await label(input.store, f, input.warehouse);
  await raiseAlert(input, {
    id: alertId(triggerId(input.product, input.warehouse), suggestion.gen),
    kind: LOW_STOCK,
    subject: { type: 'product', id: input.product, warehouse: input.warehouse, label: subject },
    message: {
      'zh-CN': `库存预警：${subject} 预计库存 ${f.projected} 低于再订货点 ${f.reorderPoint}，建议补货 ${suggestion.suggestedQty}`,
      en: `Low stock: ${subject} projected ${f.projected} is below the reorder point ${f.reorderPoint}; reorder ${suggestion.suggestedQty}`,
    },
    details: {
      product: input.product,
      warehouse: input.warehouse,
      projected: f.projected,
      reorderPoint: f.reorderPoint,
      suggestion: suggestion._id,
    },
    now: input.now,
  });
}

async function close(input: CheckInput): Promise<boolean> {
  const id = triggerId(input.product, input.warehouse);
  const trigger = await triggers(input.store).findById(id);
  if (!trigger) return false;
  const closed = trigger.open
    ? await triggers(input.store).updateOne(
        { _id: id, open: true, gen: trigger.gen },
        { $set: { open: false, closedAt: input.now } },
      )
    : false;
  // Also finishes a close that crashed after the trigger was closed.
  const resolved = await suggestions(input.store).updateOne(
    { _id: suggestionId(id, trigger.gen), status: 'open' },
    { $set: { status: 'resolved', resolvedAt: input.now } },
  );
  await resolveAlert(input, alertId(id, trigger.gen), input.now);
  return closed || resolved;
}

export async function checkReplenishment(input: CheckInput): Promise<CheckOutcome> {
  const f = await figures(input);
  if (!f || !f.below) return (await close(input)) ? 'resolved' : 'fine';
  const { trigger, opened } = await openTrigger(input);
  let suggestion = await ensureSuggestion(input, trigger, f);
  if (f.product.data.autoRequisition === true && !suggestion.requisition) {
    const requisition = await createReorderRequisition(input.store, input.definitions, suggestion, input.now);
    const link = { id: requisition._id, number: requisition.number };
    await suggestions(input.store).updateOne({ _id: suggestion._id }, { $set: { requisition: link } });
    suggestion = { ...suggestion, requisition: link };
  }
  await raiseLowStock(input, suggestion, f);
  return opened ? 'opened' : 'open';
}
