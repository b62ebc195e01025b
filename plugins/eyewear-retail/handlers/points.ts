// Membership points earned on pickup: the customer's balance moves by a guarded
// atomic $inc that records the effect's key on the customer, so a retry applies
// it once; every change is written to the points ledger with the balance before
// and after.
import { num, str, type PluginApi, type PluginEffect, type StoredDoc } from './types';

export const POINTS_LEDGER = 'eyewear_points';

export interface PointsEntry extends StoredDoc {
  _id: string;
  customer: string;
  delta: number;
  before: number;
  after: number;
  source: { type: string; id: string; number: string };
  at: Date;
}

export function pointsEarn(api: PluginApi): PluginEffect {
  return {
    phase: 'after-commit',
    handler: async ({ store, doc, outboxId }) => {
      const customer = str(doc.data.customer);
      const delta = Math.trunc(num(doc.data.pointsEarned) ?? 0);
      if (!customer || delta <= 0) return;
      const customers = api.documents(store, 'customer');
      const updated = await customers.findOneAndUpdate(
        { _id: customer, pointsKeys: { $ne: outboxId } },
        { $inc: { 'data.points': delta }, $push: { pointsKeys: outboxId } },
      );
      if (!updated) return; // Applied by an earlier attempt (or the customer is gone).
      const after = num(updated.data.points) ?? delta;
      const ledger = store.collection<PointsEntry>(POINTS_LEDGER);
      try {
        await ledger.insertOne({ _id: outboxId, customer, delta, before: after - delta, after, source: { type: doc.type, id: doc._id, number: doc.number }, at: new Date() });
      } catch (err) {
        if (!api.isDuplicateKey(err)) throw err;
      }
    },
  };
}
