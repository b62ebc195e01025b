// One live booking per optometrist slot. Booking claims the slot in its own
// collection whose _id is optometrist|slot, so two concurrent bookings cannot
// both win (unique _id, on both stores); cancelling or a no-show frees it.
import type { PluginApi, PluginEffect, StoredDoc } from './types';

const SLOTS = 'eyewear_slots';

interface SlotClaim extends StoredDoc {
  _id: string;
  appointment: string;
  number: string;
}

const slotId = (data: Record<string, unknown>): string => `${String(data.optometrist)}|${String(data.slot)}`;

export function slotEffects(api: PluginApi): Record<string, PluginEffect> {
  const release: PluginEffect['handler'] = async ({ store, doc }) => {
    await store.collection<SlotClaim>(SLOTS).deleteOne({ _id: slotId(doc.data), appointment: doc._id });
  };
  return {
    'eyewear.slot.claim': {
      phase: 'before-commit',
      handler: async ({ store, doc }) => {
        const claims = store.collection<SlotClaim>(SLOTS);
        const _id = slotId(doc.data);
        try {
          await claims.insertOne({ _id, appointment: doc._id, number: doc.number });
        } catch (err) {
          if (!api.isDuplicateKey(err)) throw err;
          const holder = await claims.findById(_id);
          if (holder?.appointment === doc._id) return;
          const slot = String(doc.data.slot);
          const who = String(doc.data.optometrist);
          throw new api.AppError(
            'DUPLICATE_KEY',
            `${who} is already booked at ${slot} (${holder?.number ?? 'another appointment'}).`,
            {
              errors: [
                {
                  path: '/slot',
                  message: `验光师 ${who} 在 ${slot} 已有预约 ${holder?.number ?? ''} / ${who} is already booked at ${slot}`,
                },
              ],
              extra: { slot, optometrist: who, bookedBy: holder?.number ?? null },
            },
          );
        }
      },
      compensate: release,
    },
    'eyewear.slot.release': { phase: 'after-commit', handler: release },
  };
}
