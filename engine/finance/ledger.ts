// Receivables (应收) and payables (应付) share one shape, so one module keeps both:
// an open item per invoice (sales invoice → `receivables`, supplier invoice →
// `payables`) that receipts and payments are allocated to (核销), and a ledger per
// party (`ar_entries` per customer, `ap_entries` per supplier: invoices, reversals,
// receipts or payments, credit applied) that statements and balances read.
// Amounts are integer cents. On both sides `debitCents` raises what is owed
// (an invoice) and `creditCents` lowers it (money received or paid).
//
// A party's figures (GET /api/customers/:id/balance, /api/suppliers/:id/balance):
//   balance = Σ invoices − Σ reversals − Σ receipts/payments  (what is owed net;
//             negative when paid ahead)
//   overdue = Σ open amounts of items past their due date
//   credit  = Σ unallocated receipt/payment amounts and customer credits (a refunded
//             return, postCustomerCredit) − credit applied since
import type { Store, StoredDoc } from '../store/index';

export type Party = 'customer' | 'supplier';

/** One side of the books: where its open items and its ledger live, and who the party is. */
export interface Side {
  party: Party;
  items: string;
  entries: string;
  /** Document types of the side's invoices and payments. */
  invoiceType: string;
  paymentType: string;
}

export const AR: Side = {
  party: 'customer',
  items: 'receivables',
  entries: 'ar_entries',
  invoiceType: 'sales_invoice',
  paymentType: 'customer_receipt',
};
export const AP: Side = {
  party: 'supplier',
  items: 'payables',
  entries: 'ap_entries',
  invoiceType: 'supplier_invoice',
  paymentType: 'supplier_payment',
};
export const RECEIVABLES = AR.items;
export const AR_ENTRIES = AR.entries;
export const PAYABLES = AP.items;
export const AP_ENTRIES = AP.entries;

export interface OpenItemDoc extends StoredDoc {
  /** The party's id, under the side's party field (`customer` or `supplier`). */
  customer?: string;
  supplier?: string;
  number: string;
  invoiceDate: string;
  dueDate: string;
  amountCents: number;
  openCents: number;
  paidCents: number;
  status: 'open' | 'closed' | 'reversed';
  /** Receipt/payment id → cents allocated by it (the marker that makes an allocation exactly once). */
  allocations: Record<string, number>;
  reversedBy?: string;
}

export type EntryKind = 'invoice' | 'reversal' | 'receipt' | 'payment' | 'credit_applied' | 'credit';

export interface LedgerEntryDoc extends StoredDoc {
  customer?: string;
  supplier?: string;
  date: string;
  kind: EntryKind;
  doc: { type: string; id: string; number: string };
  debitCents: number;
  creditCents: number;
  /** Receipts/payments: the part not allocated (the party's credit); credit applied: negative. */
  unallocatedCents?: number;
  at: Date;
}

export const openItems = (store: Store, side: Side = AR) => store.collection<OpenItemDoc>(side.items);
export const ledgerEntries = (store: Store, side: Side = AR) => store.collection<LedgerEntryDoc>(side.entries);

export const partyOf = (side: Side, doc: OpenItemDoc | LedgerEntryDoc): string => String(doc[side.party] ?? '');

export interface PartyBalance {
  balance: number;
  overdue: number;
  credit: number;
}
export type CustomerBalance = PartyBalance;

export async function partyBalance(store: Store, side: Side, party: string, today: string): Promise<PartyBalance> {
  const entries = await ledgerEntries(store, side).find({ [side.party]: party });
  const balance = entries.reduce((t, e) => t + e.debitCents - e.creditCents, 0);
  const credit = entries.reduce((t, e) => t + (e.unallocatedCents ?? 0), 0);
  const open = await openItems(store, side).find({ [side.party]: party, status: 'open' });
  const overdue = open.filter((i) => i.dueDate < today).reduce((t, i) => t + i.openCents, 0);
  return { balance: balance / 100, overdue: overdue / 100, credit: credit / 100 };
}

export const customerBalance = (store: Store, customer: string, today: string) =>
  partyBalance(store, AR, customer, today);

export async function ensureLedgerIndexes(store: Store): Promise<void> {
  for (const side of [AR, AP]) {
    await openItems(store, side).createIndex({
      name: `${side.party}_status`,
      keys: { [side.party]: 1, status: 1 },
    });
    await ledgerEntries(store, side).createIndex({ name: `${side.party}_date`, keys: { [side.party]: 1, date: 1 } });
  }
}
