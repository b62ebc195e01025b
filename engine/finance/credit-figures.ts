// What finance tells the credit rules: a related customer's `openReceivables`,
// what it owes on invoices net of receipts (the `ar_entries` ledger, in cents). A
// prepayment makes it negative, which leaves room on the credit line. Added to a
// definition's compiled form by a compile hook, only where a rule reads it, so
// documents reads no finance collection by name.
import type { CompileHook } from '../definitions/index';
import type { Store } from '../store/index';
import { AR, ledgerEntries } from './ledger';

async function openReceivables(store: Store, customerId: string): Promise<number> {
  const ledger = ledgerEntries(store, AR);
  const sum = async () => {
    const rows = await ledger.aggregate<{ debit: number; credit: number }>([
      { $match: { customer: customerId } },
      { $group: { _id: null, debit: { $sum: '$debitCents' }, credit: { $sum: '$creditCents' } } },
    ]);
    return rows[0] ? (rows[0].debit - rows[0].credit) / 100 : 0;
  };
  // Every create and submit of an order asks, the ledger moves on invoices and receipts: kept until
  // the ledger is next written where only this process writes the store (store.readThrough).
  return store.readThrough ? store.readThrough(ledger.name, `open:${customerId}`, sum) : sum();
}

export const creditFiguresHook: CompileHook = (compiled) => {
  const reads = JSON.stringify(compiled.def.transitions).includes('.openReceivables');
  if (!reads) return;
  compiled.relatedFigures.push({ type: 'customer', name: 'openReceivables', load: openReceivables });
};
