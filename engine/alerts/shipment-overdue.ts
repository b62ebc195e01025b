// Alert kind `shipment_overdue`: a delivery that left (shipped or in transit) and
// was not signed for by its expected arrival date. The episode is the delivery ×
// that date (a new expected date, a new episode); signing or a return resolves it.
// The order's creator hears of it with the alert roles.
import { documentsCollection } from '../documents/index';
import type { AlertKind, AlertScanReport } from './kinds';
import { ALERTS, raiseAlert, resolveAlert, type AlertDoc } from './service';

const IN_FLIGHT = ['shipped', 'in_transit'];

export const shipmentOverdue: AlertKind = {
  key: 'shipment_overdue',
  title: { 'zh-CN': '物流逾期未签收', en: 'Shipment overdue' },
  job: 'shipment-overdue-scan',
  everyMs: 3_600_000,
  async scan({ store, outbound, now }) {
    const target = { store, ...(outbound ? { outbound } : {}) };
    const report: AlertScanReport = { raised: 0, open: 0, resolved: 0 };
    const today = now.toISOString().slice(0, 10);
    const late = await documentsCollection(store, 'delivery').find({
      state: { $in: IN_FLIGHT },
      'data.expectedArrival': { $lt: today },
    });
    const open = new Set<string>();
    for (const delivery of late) {
      const due = String(delivery.data.expectedArrival);
      const id = `shipment-overdue-${delivery._id}-${due}`;
      open.add(id);
      report.open += 1;
      const carrier = [delivery.data.carrier, delivery.data.trackingNo].filter(Boolean).join(' ');
      const via = carrier ? `（${carrier}）` : '';
      const raised = await raiseAlert(target, {
        id,
        kind: 'shipment_overdue',
        subject: { type: 'delivery', id: delivery._id, label: delivery.number },
        message: {
          'zh-CN': `物流逾期：发货单 ${delivery.number}${via} 预计 ${due} 送达，尚未签收`,
          en: `Shipment overdue: delivery ${delivery.number}${carrier ? ` (${carrier})` : ''} was expected on ${due} and is not signed for`,
        },
        details: {
          expectedArrival: due,
          state: delivery.state,
          salesOrder: delivery.data.salesOrder,
          carrier: delivery.data.carrier,
          trackingNo: delivery.data.trackingNo,
        },
        alsoNotify: typeof delivery.data.orderOwner === 'string' ? [delivery.data.orderOwner] : [],
        now,
      });
      if (raised) report.raised += 1;
    }
    for (const alert of await store
      .collection<AlertDoc>(ALERTS)
      .find({ kind: 'shipment_overdue', status: 'open' }, { projection: { _id: 1 } })) {
      if (!open.has(alert._id) && (await resolveAlert(target, alert._id, now))) report.resolved += 1;
    }
    return report;
  },
};
