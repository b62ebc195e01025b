// When each `inventory.*` effect runs relative to the document's state change,
// and how it is undone (documents/effects.ts, documents/apply-change.ts).
// Effects that take stock or may refuse run before the commit and are undone by
// their key when the change does not commit: the operation (or transfer) the
// handler ran under that key is reversed (undo-operation.ts); undoing a key that
// never ran, or was refused, does nothing. Releases and un-expects cannot refuse,
// and undoing one would have to take stock back that someone else may have
// reserved meanwhile, so they run after the commit instead.
import type { EffectHandler, EffectOptions } from '../documents/index';
import { undoTransfer } from './transfer';
import { undoOperation } from './undo-operation';
import { dropBackorders } from './backorders';

const undoByKey: EffectHandler = async (ctx) => {
  await undoOperation({ store: ctx.store }, ctx.outboxId);
};

/** A reservation not committed: undo it, and forget the backorders it accepted instead (never allocated: not committed). */
const undoReserveByKey: EffectHandler = async (ctx) => {
  await undoOperation({ store: ctx.store }, ctx.outboxId);
  await dropBackorders(ctx.store, ctx.outboxId);
};

const undoTransferByKey: EffectHandler = async (ctx) => {
  await undoTransfer({ store: ctx.store }, ctx.outboxId);
};

export const inventoryEffectOptions: Record<string, EffectOptions> = {
  'inventory.reserve': { phase: 'before-commit', compensate: undoReserveByKey },
  'inventory.issue': { phase: 'before-commit', compensate: undoByKey },
  // Once undone, the purchase order's receipt tally (purchasing/receipt-check.ts) stops counting this key's entry.
  'inventory.receive': { phase: 'before-commit', compensate: undoByKey },
  'inventory.expect': { phase: 'before-commit', compensate: undoByKey },
  'inventory.adjust': { phase: 'before-commit', compensate: undoByKey },
  'inventory.transfer': { phase: 'before-commit', compensate: undoTransferByKey },
  'inventory.release': { phase: 'after-commit' },
  'inventory.unexpect': { phase: 'after-commit' },
  // Grants arrived stock to waiting backorders; after the commit, so stock a receipt did not keep is never granted.
  'inventory.allocate': { phase: 'after-commit' },
};
