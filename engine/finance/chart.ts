// Editing the chart of accounts (admin, finance_manager; every change audited):
// - list: the default 小企业会计准则 accounts and the shop's own, each with the
//   posting role that goes to it and whether vouchers use it;
// - save: add an account or rename one (names in zh-CN and en), optionally
//   pointing a posting role at it (the role leaves the code it went to);
// - delete: only an account no voucher uses and no posting role goes to — an
//   account in use is a 422 naming it, and nothing changes.
// Vouchers keep the code and name they were written with; a rename applies to
// later postings.
import { documentsCollection } from '../documents/index';
import { AppError } from '../errors';
import { fieldError, messageError } from '../messages/index';
import type { Store } from '../store/index';
import { accountDocs, chartOfAccounts, DEFAULT_ACCOUNTS, type Account, type AccountRole } from './accounts';
import { VOUCHER } from './vouchers';

export interface ChartAccount extends Account {
  role: AccountRole | null;
  builtin: boolean;
  inUse: boolean;
}

const DEFAULT_CODES = new Set(Object.values(DEFAULT_ACCOUNTS).map((a) => a.code));

async function usedByVouchers(store: Store, code: string): Promise<boolean> {
  return (await documentsCollection(store, VOUCHER).count({ 'data.lines.account': code })) > 0;
}

export async function listAccounts(store: Store): Promise<ChartAccount[]> {
  const chart = await chartOfAccounts(store);
  const roleOf = new Map(Object.entries(chart).map(([role, a]) => [a.code, role as AccountRole]));
  const accounts = new Map<string, Account>(Object.values(DEFAULT_ACCOUNTS).map((a) => [a.code, a]));
  for (const doc of await accountDocs(store).find({})) {
    if (doc.deleted) accounts.delete(doc.code);
    else accounts.set(doc.code, { code: doc.code, name: doc.name });
  }
  const out: ChartAccount[] = [];
  for (const account of [...accounts.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    out.push({
      ...account,
      role: roleOf.get(account.code) ?? null,
      builtin: DEFAULT_CODES.has(account.code),
      inUse: roleOf.has(account.code) || (await usedByVouchers(store, account.code)),
    });
  }
  return out;
}

export async function saveAccount(
  store: Store,
  input: { code: string; name: Account['name']; role?: AccountRole },
): Promise<void> {
  if (input.role) {
    // One code per role: the role leaves whatever code it was pointed at before.
    await accountDocs(store).updateMany({ role: input.role, _id: { $ne: input.code } }, { $unset: { role: '' } });
  }
  const $set: Record<string, unknown> = { code: input.code, name: input.name, deleted: false };
  if (input.role) $set.role = input.role;
  await accountDocs(store).updateOne({ _id: input.code }, { $set }, { upsert: true });
}

export async function deleteAccount(store: Store, code: string): Promise<void> {
  const listed = (await listAccounts(store)).find((a) => a.code === code);
  if (!listed) throw messageError('NOT_FOUND.account', { code });
  if (listed.inUse) {
    const error = fieldError('/code', 'RULE_FAILED.account_in_use', { code });
    throw new AppError('RULE_FAILED', error.message, { key: error.key, params: { code }, errors: [error] });
  }
  if (listed.builtin) {
    await accountDocs(store).updateOne(
      { _id: code },
      { $set: { code, name: listed.name, deleted: true }, $unset: { role: '' } },
      { upsert: true },
    );
  } else await accountDocs(store).deleteOne({ _id: code });
}
