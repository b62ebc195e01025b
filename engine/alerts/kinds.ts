// Alert kinds as data, for the engine's registry: each scans for its condition
// with the worker's clock, raises one alert per episode (the id names the
// episode) and resolves the open ones whose condition cleared.
//  - batch_expiring: a batch with stock expires within the product's
//    expiryWarningDays (default 30); the episode is the batch × its expiry date.
//  - delivery_overdue: an approved sales order (not shipped) whose deliveryDate
//    has passed; the episode is the order × that date (a new date, a new episode).
import type { LocalizedText } from '../definitions/index';
import { documentsCollection } from '../documents/index';
import { toUnits, LEVELS, type LevelDoc } from '../inventory/index';
import type { Outbound } from '../queue/index';
import type { Store } from '../store/index';
import { ALERTS, raiseAlert, resolveAlert, type AlertDoc } from './service';
import { shipmentOverdue } from './shipment-overdue';

export interface AlertScanReport {
  raised: number;
  open: number;
  resolved: number;
}

export interface AlertKind {
  key: string;
  title: LocalizedText;
  /** The alerts-queue job that runs the scan, and how often. */
  job: string;
  everyMs: number;
  scan(input: { store: Store; outbound?: Outbound; now: Date }): Promise<AlertScanReport>;
}

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
const DAY = 86_400_000;
const day = (d: Date): string => d.toISOString().slice(0, 10);

type Target = { store: Store; outbound?: Outbound };

async function resolveCleared(target: Target, kind: string, stillOpen: Set<string>, now: Date): Promise<number> {
  let resolved = 0;
  for (const alert of await target.store
    .collection<AlertDoc>(ALERTS)
    .find({ kind, status: 'open' }, { projection: { _id: 1 } })) {
    if (!stillOpen.has(alert._id) && (await resolveAlert(target, alert._id, now))) resolved += 1;
  }
  return resolved;
}

export const batchExpiring: AlertKind = {
  key: 'batch_expiring',
  title: { 'zh-CN': '批次临期', en: 'Batch expiring' },
  job: 'expiry-scan',
  everyMs: 6 * 3_600_000,
  async scan({ store, outbound, now }) {
    const target: Target = { store, outbound };
    const report: AlertScanReport = { raised: 0, open: 0, resolved: 0 };
    // The longest warning any product could ask for bounds the read; each row is then checked against its own.
    const horizon = day(new Date(now.getTime() + 3650 * DAY));
    const rows = await store
      .collection<LevelDoc>(LEVELS)
      .find({ batch: { $ne: '' }, onHand: { $gt: 0 }, expiry: { $ne: null, $lte: horizon } });
    const products = await documentsCollection(store, 'product').find({
      _id: { $in: [...new Set(rows.map((r) => r.product))] },
    });
    const byId = new Map(products.map((p) => [p._id, p]));
    const open = new Set<string>();
    for (const row of rows) {
      const product = byId.get(row.product);
      const data = (product?.data ?? {}) as { name?: string; sku?: string; expiryWarningDays?: number };
      const warnDays =
        typeof data.expiryWarningDays === 'number' ? data.expiryWarningDays : DEFAULT_EXPIRY_WARNING_DAYS;
      if (!row.expiry || row.expiry > day(new Date(now.getTime() + warnDays * DAY))) continue;
      const id = `expiry-${row._id}-${row.expiry}`.replace(/[^A-Za-z0-9_-]/g, '_');
      open.add(id);
      report.open += 1;
      const label = `${data.name ?? row.product}${data.sku ? ` (${data.sku})` : ''} 批次 ${row.batch}`;
      const raised = await raiseAlert(target, {
        id,
        kind: 'batch_expiring',
        subject: { type: 'product', id: row.product, warehouse: row.warehouse, label },
        message: {
          'zh-CN': `临期预警：${label} 将于 ${row.expiry} 到期，在库 ${toUnits(row.onHand)}`,
          en: `Expiring: ${data.name ?? row.product} batch ${row.batch} expires on ${row.expiry}; ${toUnits(row.onHand)} on hand`,
        },
        details: {
          product: row.product,
          warehouse: row.warehouse,
          batch: row.batch,
          expiry: row.expiry,
          onHand: toUnits(row.onHand),
          warnDays,
        },
        now,
      });
      if (raised) report.raised += 1;
    }
    report.resolved = await resolveCleared(target, 'batch_expiring', open, now);
    return report;
  },
};

export const deliveryOverdue: AlertKind = {
  key: 'delivery_overdue',
  title: { 'zh-CN': '交货逾期', en: 'Delivery overdue' },
  job: 'overdue-scan',
  everyMs: 3_600_000,
  async scan({ store, outbound, now }) {
    const target: Target = { store, outbound };
    const report: AlertScanReport = { raised: 0, open: 0, resolved: 0 };
    const today = day(now);
    const late = await documentsCollection(store, 'sales_order').find({
      state: 'approved',
      'data.deliveryDate': { $lt: today },
    });
    const open = new Set<string>();
    for (const order of late) {
      const due = String(order.data.deliveryDate);
      const id = `overdue-${order._id}-${due}`;
      open.add(id);
      report.open += 1;
      const raised = await raiseAlert(target, {
        id,
        kind: 'delivery_overdue',
        subject: { type: 'sales_order', id: order._id, label: order.number },
        message: {
          'zh-CN': `交货逾期：${order.number} 应于 ${due} 交货，尚未发货`,
          en: `Delivery overdue: ${order.number} was due on ${due} and has not shipped`,
        },
        details: { deliveryDate: due, state: order.state },
        alsoNotify: [order.createdBy],
        now,
      });
      if (raised) report.raised += 1;
    }
    report.resolved = await resolveCleared(target, 'delivery_overdue', open, now);
    return report;
  },
};

export const ALERT_KINDS: AlertKind[] = [batchExpiring, deliveryOverdue, shipmentOverdue];
