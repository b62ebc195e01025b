// Receivables (应收): one open item per issued sales invoice, and the customer
// ledger (`ar_entries`: invoices, reversals, receipts) that statements and
// balances read. Amounts are integer cents.
//
// A customer's figures (GET /api/customers/:id/balance):
//   balance = Σ invoices − Σ reversals − Σ receipts  (what the customer owes net;
//             negative when they paid ahead)
//   overdue = Σ open amounts of items past their due date
//   credit  = Σ unallocated receipt amounts (overpayments kept as credit) and
//             customer credits (a refunded return, postCustomerCredit)
import { DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';

export const RECEIVABLES = 'receivables';
export const AR_ENTRIES = 'ar_entries';

export interface OpenItemDoc extends StoredDoc {
  customer: string;
  number: string;
  invoiceDate: string;
  dueDate: string;
  amountCents: number;
  openCents: number;
  paidCents: number;
  status: 'open' | 'closed' | 'reversed';
  /** Receipt id → cents allocated by it (the marker that makes an allocation exactly once). */
  allocations: Record<string, number>;
  reversedBy?: string;
}

export type ArKind = 'invoice' | 'reversal' | 'receipt' | 'credit';

export interface ArEntryDoc extends StoredDoc {
  customer: string;
  date: string;
  kind: ArKind;
  doc: { type: string; id: string; number: string };
  debitCents: number;
  creditCents: number;
  /** Receipts: the part not allocated to any invoice; credits: all of it (the customer's credit). */
  unallocatedCents?: number;
  at: Date;
}

export const openItems = (store: Store) => store.collection<OpenItemDoc>(RECEIVABLES);
export const arEntries = (store: Store) => store.collection<ArEntryDoc>(AR_ENTRIES);

export interface CustomerBalance {
  balance: number;
  overdue: number;
  credit: number;
}

export async function customerBalance(store: Store, customer: string, today: string): Promise<CustomerBalance> {
  const entries = await arEntries(store).find({ customer });
  const balance = entries.reduce((t, e) => t + e.debitCents - e.creditCents, 0);
  const credit = entries.reduce((t, e) => t + (e.unallocatedCents ?? 0), 0);
  const open = await openItems(store).find({ customer, status: 'open' });
  const overdue = open.filter((i) => i.dueDate < today).reduce((t, i) => t + i.openCents, 0);
  return { balance: balance / 100, overdue: overdue / 100, credit: credit / 100 };
}

export async function ensureReceivableIndexes(store: Store): Promise<void> {
  await openItems(store).createIndex({ name: 'customer_status', keys: { customer: 1, status: 1 } });
  await arEntries(store).createIndex({ name: 'customer_date', keys: { customer: 1, date: 1 } });
}

/**
 * Credits the customer (a refunded return): a ledger entry that lowers what they
 * owe and counts as credit, exactly once per `key` (its id).
 */
export async function postCustomerCredit(
  store: Store,
  input: { key: string; customer: string; date: string; doc: ArEntryDoc['doc']; cents: number; at: Date },
): Promise<boolean> {
  if (!Number.isInteger(input.cents) || input.cents <= 0) throw new RangeError(`credit of ${input.cents} cents`);
  try {
    await arEntries(store).insertOne({
      _id: `credit:${input.key}`,
      customer: input.customer,
      date: input.date,
      kind: 'credit',
      doc: input.doc,
      debitCents: 0,
      creditCents: input.cents,
      unallocatedCents: input.cents,
      at: input.at,
    });
    return true;
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false;
    throw err;
  }
}
