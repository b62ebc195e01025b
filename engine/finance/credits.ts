// A party's credit (an overpayment kept as 预收 / 预付) as a counter per party, so
// applying it to later invoices is a guarded compare-and-set like stock levels:
// two payments drawing on the same credit at once cannot both take it. The
// ledger (ledger.ts) stays the record; this counter only guards. Each change
// carries a per-document marker, so a retry neither doubles nor loses it.
import { DuplicateKeyError } from '../errors';
import type { Store, StoredDoc } from '../store/index';
import { AR, ledgerEntries, type LedgerEntryDoc, type Side } from './ledger';

export const CREDITS = 'finance_credits';

interface CreditDoc extends StoredDoc {
  cents: number;
  marks: Record<string, number>;
}

const credits = (store: Store) => store.collection<CreditDoc>(CREDITS);
const idOf = (side: Side, party: string) => `${side.party}:${party}`;

async function ensure(store: Store, id: string): Promise<void> {
  try {
    await credits(store).insertOne({ _id: id, cents: 0, marks: {} });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}

/** Adds a payment's leftover to the party's credit, once per payment. */
export async function addCredit(store: Store, side: Side, party: string, doc: string, cents: number): Promise<void> {
  if (cents <= 0) return;
  const id = idOf(side, party);
  await ensure(store, id);
  const mark = `marks.add:${doc}`;
  await credits(store).updateOne({ _id: id, [mark]: { $exists: false } }, { $inc: { cents }, $set: { [mark]: cents } });
}

/** Takes `cents` of the party's credit for `doc`: null when taken, else the credit available. */
export async function takeCredit(
  store: Store,
  side: Side,
  party: string,
  doc: string,
  cents: number,
): Promise<number | null> {
  const id = idOf(side, party);
  await ensure(store, id);
  const mark = `marks.take:${doc}`;
  const ok = await credits(store).updateOne(
    { _id: id, cents: { $gte: cents }, [mark]: { $exists: false } },
    { $inc: { cents: -cents }, $set: { [mark]: cents } },
  );
  if (ok) return null;
  const current = await credits(store).findById(id);
  if (current?.marks[`take:${doc}`] === cents) return null; // a retry of this same take
  return current?.cents ?? 0;
}

/** Gives back what `doc` took (its change did not commit). */
export async function returnCredit(store: Store, side: Side, party: string, doc: string): Promise<void> {
  const id = idOf(side, party);
  const current = await credits(store).findById(id);
  const amount = current?.marks[`take:${doc}`];
  if (amount === undefined) return;
  const mark = `marks.take:${doc}`;
  await credits(store).updateOne({ _id: id, [mark]: amount }, { $inc: { cents: amount }, $unset: { [mark]: '' } });
}

/**
 * Credits the customer (a refunded return): a ledger entry that lowers what they
 * owe and counts as credit (ledger and the guarding counter), exactly once per `key`.
 */
export async function postCustomerCredit(
  store: Store,
  input: { key: string; customer: string; date: string; doc: LedgerEntryDoc['doc']; cents: number; at: Date },
): Promise<boolean> {
  if (!Number.isInteger(input.cents) || input.cents <= 0) throw new RangeError(`credit of ${input.cents} cents`);
  try {
    await ledgerEntries(store, AR).insertOne({
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
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    await addCredit(store, AR, input.customer, `credit:${input.key}`, input.cents); // a retry finishes the counter
    return false;
  }
  await addCredit(store, AR, input.customer, `credit:${input.key}`, input.cents);
  return true;
}
