// `after_sales.credit`, after the commit of a sales return's `receive`: a return
// an after-sales case created with a refund credits the customer its amount
// (engine/finance's customer ledger, with its voucher; it shows in the balance's `credit`). Only the
// case's own return counts — its id derives from the case, and the amount must
// match the case's — so a return typed in by hand with a credit amount credits
// nothing. Exactly once per return (the ledger entry's id).
import { documentsCollection, type EffectHandler } from '../documents/index';
import { creditCustomerForReturn } from '../finance/index';
import { caseReturnId } from './settle';

export const creditEffect: EffectHandler = async (ctx) => {
  const d = ctx.doc.data;
  if (typeof d.afterSales !== 'string' || typeof d.creditAmount !== 'number' || d.creditAmount <= 0) return;
  if (ctx.doc._id !== caseReturnId(d.afterSales)) return;
  const owner = await documentsCollection(ctx.store, 'after_sales').findById(d.afterSales);
  if (!owner || owner.data.creditAmount !== d.creditAmount) return;
  await creditCustomerForReturn(ctx, String(d.customer), d.creditAmount);
};
