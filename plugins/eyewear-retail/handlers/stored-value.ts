// Member stored value (储值) paid at the counter: debited on check-out, never
// below zero; a check-out that does not commit gets it back.
import { moveBalance } from './balances';
import { lines, num, str, type EffectContext, type PluginApi, type PluginEffect } from './types';

export const STORED_VALUE_LEDGER = 'eyewear_stored_value';

function charged(api: PluginApi, ctx: EffectContext): number {
  return lines(ctx.doc.data, 'payments')
    .filter((p) => p.method === 'stored_value')
    .reduce((sum, p) => sum.plus(num(p.amount) ?? 0), new api.Decimal(0))
    .toNumber();
}

function move(api: PluginApi, ctx: EffectContext, sign: 1 | -1, key: string) {
  const amount = charged(api, ctx);
  if (amount <= 0) return Promise.resolve();
  const customer = str(ctx.doc.data.customer);
  if (!customer) {
    throw new api.AppError('VALIDATION_FAILED', 'Stored value needs a member.', {
      errors: [{ path: '/customer', message: '会员储值支付需要选择会员 / paying by stored value needs the member' }],
    });
  }
  return moveBalance(api, ctx.store, {
    customer,
    field: 'storedValue',
    delta: sign * amount,
    key,
    ledger: STORED_VALUE_LEDGER,
    source: { type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number },
    path: '/payments',
  });
}

export function storedValueCharge(api: PluginApi): PluginEffect {
  return {
    phase: 'before-commit',
    handler: (ctx) => move(api, ctx, -1, ctx.outboxId),
    compensate: async (ctx) => {
      const entry = await ctx.store.collection(STORED_VALUE_LEDGER).findById(ctx.outboxId);
      if (entry) await move(api, ctx, 1, `${ctx.outboxId}:undo`);
    },
  };
}
