// Alert kinds. Each occurrence has a stable id, so running a kind again raises
// nothing twice.
import { recallList } from './recall';
import { str, type PluginApi, type PluginContributions, type PluginEffect } from './types';

/** How far ahead the daily recall alert looks: a week, for the shop to call in time. */
const RECALL_ALERT_DAYS = 7;

const OPEN_ORDER_STATES = [
  'ordered',
  'discount_review',
  'paid',
  'materials_issued',
  'processing',
  'sent_to_lab',
  'quality_check',
];

export function alertKinds(api: PluginApi): NonNullable<PluginContributions['alerts']> {
  return {
    eyewear_contact_lens_expiry: {
      title: { 'zh-CN': '隐形眼镜批次临期', en: 'Contact-lens batch expiring' },
      async run({ store, now }) {
        const limit = api.addDays(api.businessDate(now), 60) ?? '';
        const levels = await api
          .stockLevels(store)
          .find({ batch: { $ne: '' }, expiry: { $ne: null, $lte: limit }, onHand: { $gt: 0 } });
        let raised = 0;
        for (const level of levels) {
          const product = await api.documents(store, 'product').findById(level.product);
          if (product?.data.eyewearKind !== 'contact_lens') continue;
          const name = String(product.data.name ?? level.product);
          const isNew = await api.raiseAlert(store, {
            id: `eyewear_contact_lens_expiry:${level._id}:${level.expiry}`,
            kind: 'eyewear_contact_lens_expiry',
            subject: {
              type: 'product',
              id: level.product,
              warehouse: level.warehouse,
              label: `${name} 批号 ${level.batch}`,
            },
            message: {
              'zh-CN': `${name} 批号 ${level.batch} 将于 ${level.expiry} 到期，库存 ${level.onHand}`,
              en: `${name} batch ${level.batch} expires on ${level.expiry}; ${level.onHand} on hand`,
            },
            details: { batch: level.batch, expiry: level.expiry, onHand: level.onHand },
            now,
          });
          if (isNew) raised += 1;
        }
        return raised;
      },
    },
    eyewear_order_overdue: {
      title: { 'zh-CN': '配镜单逾期未完成', en: 'Glasses order not ready by the promised date' },
      async run({ store, now }) {
        const today = api.businessDate(now);
        const late = await api
          .documents(store, 'glasses_order')
          .find({ state: { $in: OPEN_ORDER_STATES }, 'data.promisedDate': { $lt: today } });
        let raised = 0;
        for (const order of late) {
          const isNew = await api.raiseAlert(store, {
            id: `eyewear_order_overdue:${order._id}`,
            kind: 'eyewear_order_overdue',
            subject: { type: 'glasses_order', id: order._id, label: order.number },
            message: {
              'zh-CN': `配镜单 ${order.number} 约定 ${String(order.data.promisedDate)} 取镜，仍未完成`,
              en: `Glasses order ${order.number} was promised for ${String(order.data.promisedDate)} and is not ready`,
            },
            now,
          });
          if (isNew) raised += 1;
        }
        return raised;
      },
    },
    eyewear_recall: {
      title: { 'zh-CN': '顾客复查回访', en: 'Customer recall due' },
      async run({ store, now }) {
        let raised = 0;
        for (const row of await recallList(api, store, now, RECALL_ALERT_DAYS)) {
          const who = row.name ?? row.customer;
          const why =
            row.reason === 'prescription'
              ? {
                  'zh-CN': `验光单 ${row.source} 于 ${row.due} 到期，请邀请复查`,
                  en: `prescription ${row.source} is valid until ${row.due}; invite for an eye exam`,
                }
              : {
                  'zh-CN': `${row.product ?? '隐形眼镜'}（${row.source}）约于 ${row.due} 用完，请提醒更换`,
                  en: `${row.product ?? 'contact lenses'} (${row.source}) run out about ${row.due}; remind to replace`,
                };
          const isNew = await api.raiseAlert(store, {
            // One alert per customer, reason and due date: a new purchase or exam makes a new one.
            id: `eyewear_recall:${row.reason}:${row.customer}:${row.due}`,
            kind: 'eyewear_recall',
            subject: { type: 'customer', id: row.customer, label: who },
            message: {
              'zh-CN': `${who}${row.phone ? `（${row.phone}）` : ''}：${why['zh-CN']}`,
              en: `${who}${row.phone ? ` (${row.phone})` : ''}: ${why.en}`,
            },
            details: { reason: row.reason, due: row.due, source: row.source },
            now,
          });
          if (isNew) raised += 1;
        }
        return raised;
      },
    },
  };
}

/** On payment: a returning customer ordering on a prescription past its validity raises an alert (the order goes on). */
export function prescriptionValidity(api: PluginApi): PluginEffect {
  return {
    phase: 'after-commit',
    handler: async ({ store, doc, engine }) => {
      const rx = await api.documents(store, 'prescription').findById(String(doc.data.prescription ?? ''));
      const validUntil = str(rx?.data.validUntil);
      const now = engine.clock();
      if (!rx || !validUntil || validUntil >= api.businessDate(now)) return;
      await api.raiseAlert(store, {
        id: `eyewear_prescription_expired:${doc._id}`,
        kind: 'eyewear_prescription_expired',
        subject: { type: 'glasses_order', id: doc._id, label: doc.number },
        message: {
          'zh-CN': `配镜单 ${doc.number} 使用的验光单 ${rx.number} 已于 ${validUntil} 过期，请重新验光`,
          en: `Glasses order ${doc.number} uses prescription ${rx.number}, which expired on ${validUntil}; offer a new eye exam`,
        },
        details: { prescription: rx._id, validUntil },
        now,
      });
    },
  };
}
