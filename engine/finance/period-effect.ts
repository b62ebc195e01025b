// `finance.period_open`: a before-commit check listed first on every posting
// transition, so a change dated in a closed period is refused (422 naming the
// period) before any stock moves or any voucher is written. It writes nothing,
// so it has nothing to compensate.
import type { EffectHandler } from '../documents/index';
import { assertPeriodOpen } from './periods';
import { postingDate } from './posting-context';

export const periodOpenEffect: EffectHandler = async (ctx) => {
  await assertPeriodOpen(ctx.store, postingDate(ctx));
};
