// Membership points: earned on pickup (total ÷ 10), redeemed on payment (at most
// the balance, and worth at most 20 % of the order, a guard in the definition),
// refunded when a paid order is cancelled. Every change is in the points ledger
// with the balance before and after.
import { moveBalance } from './balances';
import { num, str, type EffectContext, type PluginApi, type PluginEffect } from './types';

export const POINTS_LEDGER = 'eyewear_points';

function move(
  api: PluginApi,
  ctx: EffectContext,
  field: 'pointsEarned' | 'pointsRedeemed',
  sign: 1 | -1,
  key = ctx.outboxId,
) {
  const customer = str(ctx.doc.data.customer);
  const points = Math.trunc(num(ctx.doc.data[field]) ?? 0);
  if (!customer || points <= 0) return Promise.resolve();
  return moveBalance(api, ctx.store, {
    customer,
    field: 'points',
    delta: sign * points,
    key,
    ledger: POINTS_LEDGER,
    source: { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number },
    path: `/${field}`,
  });
}

export function pointsEffects(api: PluginApi): Record<string, PluginEffect> {
  return {
    'eyewear.points.earn': { phase: 'after-commit', handler: (ctx) => move(api, ctx, 'pointsEarned', 1) },
    'eyewear.points.redeem': {
      phase: 'before-commit',
      handler: (ctx) => move(api, ctx, 'pointsRedeemed', -1),
      // The redemption did not commit: give the points back, once.
      compensate: async (ctx) => {
        const entry = await ctx.store.collection(POINTS_LEDGER).findById(ctx.outboxId);
        if (entry) await move(api, ctx, 'pointsRedeemed', 1, `${ctx.outboxId}:undo`);
      },
    },
    'eyewear.points.refund': {
      phase: 'after-commit',
      handler: async (ctx) => {
        const redeemed = await ctx.store
          .collection(POINTS_LEDGER)
          .find({ 'source.id': ctx.doc._id, delta: { $lt: 0 } });
        if (redeemed.length > 0) await move(api, ctx, 'pointsRedeemed', 1);
      },
    },
  };
}
