// What finance effects share: the posting date of a document change and the
// context vouchers are written with.
import type { EffectContext } from '../documents/index';
import type { PostingContext } from './vouchers';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The business date a change posts on: the document's own date field when the
 * transition names one (`dateField`; `today` for the day of the change) or it
 * has one of the usual ones, else the day of the change.
 */
export function postingDate(ctx: EffectContext): string {
  const named = (ctx.options as { dateField?: string }).dateField;
  // `today`: a change dated when it happens (a red-letter reversal posts on its own day).
  const fields = named ? [named] : ['invoiceDate', 'receiptDate', 'paymentDate', 'countDate', 'returnDate'];
  for (const field of fields) {
    const value = field ? ctx.doc.data[field] : undefined;
    if (typeof value === 'string' && DATE.test(value)) return value;
  }
  return ctx.event.at.toISOString().slice(0, 10);
}

export function postingContext(ctx: EffectContext): PostingContext {
  return {
    store: ctx.store,
    definitions: ctx.engine.definitions,
    actor: { id: ctx.event.actor.id, username: ctx.event.actor.username },
    now: ctx.event.at,
  };
}

export const sourceOf = (ctx: EffectContext) => ({ type: ctx.doc.type, id: ctx.doc._id, number: ctx.doc.number });
